package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.core.ListLinesServer;
import io.listlines.core.ServerConfig;
import io.listlines.e2e.kit.LoopbackClient;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.SessionResults;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --reuse-port} on every model: two servers listen on one port, the kernel spreads the
 * connections over both, and every session completes; without the flag the second cannot bind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReusePortIT {
    private static final int SESSIONS = 400;

    /** Netty and virtual threads in the fast tier, every model under -Pfull. */
    static List<ServerModels.Factory> models() {
        return ServerModels.inTier(ServerModels.all(), "virtual");
    }

    private static ServerConfig config(int port, boolean reusePort) {
        return ServerModels.configBuilder()
                .port(port)
                .quiet(true)
                .reusePort(reusePort)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void twoServersShareOnePortAndBothServe(ServerModels.Factory model) throws Exception {
        ListLinesServer first = model.make().apply(config(0, true));
        InetSocketAddress address = first.start();
        ListLinesServer second = model.make().apply(config(address.getPort(), true));
        try {
            assertEquals(address.getPort(), second.start().getPort());
            ClientConfig client = LoopbackClient.config(address.getPort(), Protocol.DEFAULT_LIST, Framing.FRAMED);
            try (NettyClient netty = new NettyClient(client, 2)) {
                List<SessionResult> results = netty.runAll(SESSIONS);
                SessionResults.assertAllComplete(SESSIONS, results);
            }
            long a = first.stats().accepted();
            long b = second.stats().accepted();
            assertEquals(SESSIONS, a + b);
            assertTrue(a > 0 && b > 0, "the kernel spread the connections over both: " + a + " and " + b);
        } finally {
            second.stop();
            first.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void withoutTheFlagASecondServerCannotBind(ServerModels.Factory model) throws Exception {
        ListLinesServer first = model.make().apply(config(0, false));
        InetSocketAddress address = first.start();
        try {
            ListLinesServer second = model.make().apply(config(address.getPort(), false));
            CommandFailure failure = assertThrows(CommandFailure.class, second::start);
            assertTrue(failure.getMessage().contains("Cannot listen on"), failure.getMessage());
        } finally {
            first.stop();
        }
    }
}
