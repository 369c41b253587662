package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.testing.SessionLogCapture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw framing, and interop with programs that behave as the article's do: small Python 3 programs
 * written for these tests from docs/PROTOCOL.md (a client that prints the unpickled list and sends ten
 * lines, a thread-per-client server, a two-worker queue server), against our programs, both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RawInteropIT {
    static Stream<ServerModels.Factory> models() {
        return ServerModels.all().stream();
    }

    private static ClientConfig rawClient(int port) {
        return LoopbackClient.config(port, Protocol.DEFAULT_LIST, Framing.RAW);
    }

    /** Copies the Python programs (the servers share raw_server.py) and returns the one named. */
    private static Path script(Path dir, String name) throws Exception {
        for (String file :
                new String[] {"raw_client.py", "raw_server.py", "raw_threaded_server.py", "raw_pool_server.py"}) {
            Path target = dir.resolve(file);
            if (!Files.exists(target)) {
                try (InputStream in = RawInteropIT.class.getResourceAsStream("/interop/" + file)) {
                    Files.copy(in, target);
                }
            }
        }
        return dir.resolve(name);
    }

    private static String python3() {
        String python = EveryServerModelIT.python3();
        assumeTrue(
                python != null,
                "python3 is not installed: skipping the interop tests with the article-style Python programs");
        return python;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyModelServesOurRawClient(ServerModels.Factory model) throws Exception {
        try (ServerModels.Started server =
                        model.start(ServerModels.config(Protocol.DEFAULT_LIST, 30, true, Framing.RAW));
                NettyClient client = new NettyClient(rawClient(server.address().getPort()), 1)) {
            List<SessionResult> results = client.runAll(50);
            SessionResults.assertAllComplete(50, results);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theArticlesClientWorksWithEveryModel(ServerModels.Factory model, @TempDir Path dir) throws Exception {
        String python = python3();
        Path client = script(dir, "raw_client.py");
        try (ServerModels.Started server =
                        model.start(ServerModels.config(Protocol.DEFAULT_LIST, 30, false, Framing.RAW));
                SessionLogCapture log = new SessionLogCapture()) {
            Process process = new ProcessBuilder(
                            python,
                            client.toString(),
                            "--host",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(server.address().getPort()))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            assertEquals("[1, 2, 7, 9, 0]", output.strip());
            String closed = log.await(l -> l.startsWith("Closed connection: "), Duration.ofSeconds(10));
            assertTrue(closed.endsWith("(complete)"), closed);
            assertEquals(
                    10,
                    log.lines().stream()
                            .filter(l -> l.matches(".*: Hey\\. \\d"))
                            .count(),
                    log.lines()::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw_threaded_server.py", "raw_pool_server.py"})
    void ourClientWorksWithTheArticlesServers(String serverScript, @TempDir Path dir) throws Exception {
        String python = python3();
        Path ready = dir.resolve("port");
        int sessions = 3;
        Process server = new ProcessBuilder(
                        python,
                        script(dir, serverScript).toString(),
                        "--port",
                        "0",
                        "--ready-file",
                        ready.toString(),
                        "--max-clients",
                        String.valueOf(sessions),
                        "--lifetime",
                        "60")
                .redirectErrorStream(true)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(ready) && server.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(ready), "the Python server did not start");
            int port = Integer.parseInt(Files.readString(ready).strip());
            try (NettyClient client = new NettyClient(rawClient(port), 1)) {
                List<SessionResult> results = client.runAll(sessions);
                SessionResults.assertAllComplete(sessions, results);
                assertTrue(results.stream().allMatch(r -> Protocol.DEFAULT_LIST.equals(r.list())));
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the Python server stops after serving its clients");
            String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                int line = i;
                assertEquals(
                        sessions,
                        output.lines()
                                .filter(l -> l.contains(Protocol.clientLine(line)))
                                .count(),
                        output);
            }
        } finally {
            server.destroyForcibly();
            new ProcessBuilder("kill", "-KILL", String.valueOf(server.pid()))
                    .start()
                    .waitFor();
        }
    }
}
