package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.process.ListeningLine;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.testing.SessionLogCapture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Raw framing, and interop with the article's programs, both ways: a Python 3 client written for these
 * tests from docs/PROTOCOL.md (it prints the unpickled list and sends ten lines) against every model, and
 * our client against the article's two servers in Python 3 and the asyncio one, the programs the bench
 * races (their one copy is the bench module's).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RawInteropIT {
    static Stream<ServerModels.Factory> models() {
        return ServerModels.all().stream();
    }

    private static ClientConfig rawClient(int port) {
        return LoopbackClient.config(port, Protocol.DEFAULT_LIST, Framing.RAW);
    }

    /** Copies the article-style Python client and returns it. */
    private static Path client(Path dir) throws Exception {
        Path target = dir.resolve("raw_client.py");
        try (InputStream in = RawInteropIT.class.getResourceAsStream("/interop/raw_client.py")) {
            Files.copy(in, target);
        }
        return target;
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
        Path client = client(dir);
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

    /**
     * The article's servers in Python 3, as the bench races them: one copy, the bench module's
     * ({@code bench/src/main/resources/python}), found from this module's directory or the project root.
     */
    private static Path articleServer(String file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(cwd.resolve("bench")) ? cwd : cwd.getParent();
        Path program = root.resolve("bench/src/main/resources/python").resolve(file);
        assertTrue(Files.isRegularFile(program), program + " is missing");
        return program;
    }

    @ParameterizedTest
    @ValueSource(strings = {"article_threaded_server.py", "article_pool_server.py", "asyncio_server.py"})
    void ourClientWorksWithTheArticlesServers(String serverProgram) throws Exception {
        String python = python3();
        int sessions = 3;
        // -u: every print reaches the pipe at once, as on the article's terminal, so the output can be read while it
        // runs
        Process server = new ProcessBuilder(
                        python, "-u", articleServer(serverProgram).toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            BlockingQueue<String> output = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    in.lines().forEach(output::add);
                } catch (IOException e) {
                    // the server was stopped
                }
            });
            String listening = output.poll(20, TimeUnit.SECONDS);
            assertNotNull(listening, "the Python server did not start");
            int port = ListeningLine.find(listening)
                    .orElseThrow(() -> new AssertionError("not the listening line: " + listening))
                    .port();
            try (NettyClient client = new NettyClient(rawClient(port), 1)) {
                List<SessionResult> results = client.runAll(sessions);
                SessionResults.assertAllComplete(sessions, results);
                assertTrue(results.stream().allMatch(r -> Protocol.DEFAULT_LIST.equals(r.list())));
            }
            // it prints each recv, then "Closed connection: ADDRESS" when a session is done
            List<String> lines = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lines.stream()
                                    .filter(l -> l.startsWith("Closed connection: "))
                                    .count()
                            < sessions
                    && System.nanoTime() < deadline) {
                String line = output.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    lines.add(line);
                }
            }
            for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                String line = Protocol.clientLine(i);
                assertEquals(
                        sessions, lines.stream().filter(l -> l.contains(line)).count(), line + " in " + lines);
            }
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
