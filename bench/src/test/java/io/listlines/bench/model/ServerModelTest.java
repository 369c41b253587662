package io.listlines.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerModelTest {
    @Test
    void everyModelInReportOrder() {
        assertEquals(
                List.of(
                        "netty-io_uring",
                        "netty-epoll",
                        "netty-nio",
                        "thread-per-client",
                        "pool-2",
                        "pool-200",
                        "virtual"),
                ServerModel.all().stream().map(ServerModel::name).toList());
        assertEquals(
                List.of("netty-io_uring", "netty-epoll", "netty-nio", "thread-per-client", "pool-64", "virtual"),
                ServerModel.all(List.of(64)).stream().map(ServerModel::name).toList());
    }

    @Test
    void namedFindsAModelUnderItsOtherSpellings() {
        assertEquals("io_uring", ServerModel.named("Netty-IOURING").transport());
        assertEquals("io_uring", ServerModel.named("netty-io-uring").transport());
        ServerModel pool = ServerModel.named(" pool-200 ");
        assertEquals("pool", pool.threadedModel());
        assertEquals(200, pool.poolThreads());
        assertNull(ServerModel.named("pool-3"));
    }
}
