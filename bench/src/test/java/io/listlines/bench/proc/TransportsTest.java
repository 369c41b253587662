package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.listlines.bench.model.ServerModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What netty-server.jar says of the transports, read back: the order is the bench's, a transport not named is missing. */
class TransportsTest {
    @Test
    void availableInBestFirstOrderAndEachMissingOneWithItsCause() {
        Transports t =
                Transports.parse("nio available\nio_uring unavailable: io_uring_setup failed\nepoll available\n");
        assertEquals(List.of("epoll", "nio"), t.available());
        assertEquals(
                "transport io_uring is not available on this machine (io_uring_setup failed)",
                t.unavailableReason(ServerModel.named("netty-io_uring")));
        assertNull(t.unavailableReason(ServerModel.named("netty-epoll")));
        assertNull(t.unavailableReason(ServerModel.named("virtual")));
    }

    @Test
    void aTransportTheJarDoesNotNameIsMissing() {
        Transports t = Transports.parse("nio available\n");
        assertEquals(List.of("nio"), t.available());
        assertEquals(
                "transport epoll is not available on this machine",
                t.unavailableReason(ServerModel.named("netty-epoll")));
    }
}
