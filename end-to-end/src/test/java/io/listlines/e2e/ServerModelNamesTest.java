package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.listlines.bench.model.ServerModel;
import io.listlines.runtime.Transport;
import io.listlines.threaded.Model;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench names the models without loading the servers: its names must be theirs. threaded-server's
 * {@link Model} is the one truth of the threaded models' names, runtime's {@link Transport} of the
 * transports'.
 */
class ServerModelNamesTest {
    @Test
    void theBenchsTransportsAreRuntimesInItsOrder() {
        assertEquals(Arrays.stream(Transport.values()).map(Transport::toString).toList(), ServerModel.TRANSPORTS);
    }

    @Test
    void everyThreadedModelOfTheBenchIsAModelOfThreadedServerAndEveryOneIsBenched() {
        List<ServerModel> threaded =
                ServerModel.all().stream().filter(m -> !m.isNetty()).toList();
        for (ServerModel m : threaded) {
            assertNotNull(
                    Model.parse(m.threadedModel()), m.name() + ": threaded-server has no --model " + m.threadedModel());
            assertEquals(Model.parse(m.threadedModel()).toString(), m.threadedModel(), m.name());
        }
        assertEquals(
                Arrays.stream(Model.values()).map(Model::toString).toList(),
                threaded.stream().map(ServerModel::threadedModel).distinct().toList());
    }
}
