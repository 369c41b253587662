package io.listlines.bench.run;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.listlines.bench.model.ServerModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's wiring that needs no server: what it does when a scenario or a model is left out. */
class HarnessTest {
    @Test
    void aRunWithoutNettyHasNoReferenceBurstAndDoesNotFail() {
        // bin/bench --models virtual: no reference Netty model, and no bursts either
        assertNull(Harness.referenceBurstAt100(Map.of(), null));
        assertNull(Harness.referenceBurstAt100(Map.of(ServerModel.named("virtual"), List.of()), null));
    }

    @Test
    void aRunWithoutBurstsHasNoReferenceBurst() {
        assertNull(Harness.referenceBurstAt100(Map.of(), ServerModel.named("netty-nio")));
    }
}
