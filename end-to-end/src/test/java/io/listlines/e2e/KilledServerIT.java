package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientRun;
import io.listlines.e2e.kit.InProcessLoad;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server killed mid-load ({@code kill -9}): the load generator reports every session in flight
 * as failed, with the cause, within its timeout, and nothing hangs; a server restarted on the same
 * port serves at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KilledServerIT {
    static final int SESSIONS = 50;
    static final int TIMEOUT_SECONDS = 5;

    /** netty-server and virtual threads, in both tiers. */
    static Stream<ServerModels.Command> servers() {
        return ServerModels.commands().stream()
                .filter(c -> List.of("netty", "virtual").contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void sessionsInFlightFailWithTheirCauseAndARestartedServerServesAtOnce(ServerModels.Command command)
            throws Exception {
        int port;
        LoadReport report;
        long killedAt;
        try (ServerProcess server = new ServerProcess(command.args(), "--quiet")) {
            port = server.port();
            // Slow sessions (about 10 s each), all in flight when the server dies.
            CompletableFuture<LoadReport> run = CompletableFuture.supplyAsync(() -> InProcessLoad.closedLoop(
                    new InetSocketAddress("127.0.0.1", port), TIMEOUT_SECONDS, 1_000, SESSIONS, SESSIONS));
            Thread.sleep(2_000);
            server.signal("KILL");
            killedAt = System.nanoTime();
            report = run.get(TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
        }
        double secondsAfterKill = (System.nanoTime() - killedAt) / 1e9;
        assertEquals(0, report.completed(), report.toString());
        assertEquals(SESSIONS, report.failed(), "every session in flight fails: " + report.failures());
        long seen = report.failures().getOrDefault(Outcome.CLOSED_EARLY, 0L)
                + report.failures().getOrDefault(Outcome.RESET, 0L);
        assertEquals(
                SESSIONS,
                seen,
                "each with the cause the client saw (the kernel closes a dead process's sockets): "
                        + report.failures());
        assertTrue(secondsAfterKill < TIMEOUT_SECONDS + 2, "the report came " + secondsAfterKill + " s after the kill");

        ClientRun dead =
                ClientRun.of("load", "--target", "127.0.0.1:" + port, "--sessions", "20", "-c", "5", "--no-progress");
        assertEquals(1, dead.status(), "the load command fails when its sessions do: " + dead.err());
        assertTrue(dead.err().contains("20 of 20 sessions failed (20 refused)"), dead.err());

        try (ServerProcess restarted = new ServerProcess(command.args(), "--quiet", "--port", String.valueOf(port))) {
            LoadReport quick = InProcessLoad.closedLoop(
                    new InetSocketAddress("127.0.0.1", port), TIMEOUT_SECONDS, 0, SESSIONS, SESSIONS);
            assertEquals(
                    SESSIONS,
                    quick.completed(),
                    "a server restarted on the same port serves at once: " + quick.failures());
        }
    }
}
