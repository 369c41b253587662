package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.BenchCommand;
import io.listlines.bench.BenchTestKit;
import io.listlines.bench.model.CClientRun;
import io.listlines.bench.model.ServerModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal C client, the bench's yardstick, against the real servers and against nothing. */
class MinimalClientIT {
    @TempDir
    static Path dir;

    private static Path client;

    @BeforeAll
    static void compile() throws IOException {
        Assumptions.assumeTrue(CProgram.gcc() != null, "skipped: no gcc on PATH to compile the minimal C client");
        client = MinimalClient.compile(dir.resolve("c"));
    }

    @Test
    void completesEverySessionAgainstTheNettyServer() throws IOException {
        runAgainst(ServerModel.named("netty-nio"));
    }

    @Test
    void completesEverySessionAgainstAThreadedServer() throws IOException {
        runAgainst(ServerModel.named("virtual"));
    }

    private void runAgainst(ServerModel model) throws IOException {
        Path root = BenchTestKit.projectRoot();
        BenchTestKit.assumeJarsBuilt(root);
        try (ServerProcess server = ServerProcess.start(
                BenchCommand.javaCommand(),
                ServerProcess.jar(root, model),
                ServerProcess.arguments(model, 30),
                dir.resolve(model.name() + ".log"))) {
            CClientRun result = MinimalClient.run(
                    client, server.port(), 500, 20, 10, Duration.ofSeconds(60), dir.resolve(model.name() + "-c.log"));
            assertNull(result.error());
            assertEquals(500, result.completed());
            assertEquals(0, result.failed());
            assertTrue(result.sessionsPerSecond() > 0 && result.elapsedSeconds() > 0, result.toString());
            assertEquals(0, server.stop(), "the server stops cleanly on SIGTERM");
        }
    }

    @Test
    void countsRefusedConnectionsAsFailed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CClientRun result =
                MinimalClient.run(client, port, 10, 3, 5, Duration.ofSeconds(30), dir.resolve("refused.log"));
        assertEquals(0, result.completed());
        assertEquals(10, result.failed());
        assertNotEquals(null, result.error(), "exit status 1 when nothing completed");
    }

    @Test
    void rejectsABadCommandLine() throws Exception {
        Process p = new ProcessBuilder(List.of(client.toString(), "localhost", "0", "x", "1"))
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
    }
}
