package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.LoopbackClient;
import io.listlines.e2e.kit.PythonScript;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.SessionResults;
import io.listlines.process.ListeningLine;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.testing.SessionLogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    /** Netty and thread-per-client in the fast tier, every model under -Pfull. */
    static List<ServerModels.Factory> models() {
        return ServerModels.inTier(ServerModels.all(), "thread-per-client");
    }

    private static ClientConfig rawClient(int port) {
        return LoopbackClient.config(port, Protocol.DEFAULT_LIST, Framing.RAW);
    }

    /** What a test without python3 leaves out. */
    private static final String WITH_PYTHON = "the interop tests with the article-style Python programs";

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
        PythonScript client = PythonScript.require("/interop/raw_client.py", dir, WITH_PYTHON);
        try (ServerModels.Started server =
                        model.start(ServerModels.config(Protocol.DEFAULT_LIST, 30, false, Framing.RAW));
                SessionLogCapture log = new SessionLogCapture()) {
            ChildProcess.Finished run = client.run(
                    Duration.ofSeconds(30),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(server.address().getPort()));
            assertEquals(0, run.status(), run.output());
            assertEquals("[1, 2, 7, 9, 0]", run.output().strip());
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
        String python = ChildProcess.requireProgram("python3", "python3 is not installed: skipping " + WITH_PYTHON);
        int sessions = 3;
        // -u: every print reaches the pipe at once, as on the article's terminal, so the output can be read while it
        // runs
        try (ChildProcess server = ChildProcess.start(
                List.of(python, "-u", articleServer(serverProgram).toString(), "--host", "127.0.0.1", "--port", "0"))) {
            String listening = server.await(l -> true, "at all: the Python server did not start");
            int port = ListeningLine.find(listening)
                    .orElseThrow(() -> new AssertionError("not the listening line: " + listening))
                    .port();
            try (NettyClient client = new NettyClient(rawClient(port), 1)) {
                List<SessionResult> results = client.runAll(sessions);
                SessionResults.assertAllComplete(sessions, results);
                assertTrue(results.stream().allMatch(r -> Protocol.DEFAULT_LIST.equals(r.list())));
            }
            // it prints each recv, then "Closed connection:" and the address when a session is done (the pool's threads
            // print at once: their words can interleave on a line, each print's first one whole)
            // ... so two can share a line: count the words, not the lines
            int[] closed = {0};
            server.await(
                    l -> (closed[0] += l.split("Closed connection:", -1).length - 1) >= sessions,
                    "with the " + sessions + "th 'Closed connection:'");
            List<String> lines = server.seen();
            for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                String line = Protocol.clientLine(i);
                assertEquals(
                        sessions, lines.stream().filter(l -> l.contains(line)).count(), line + " in " + lines);
            }
        }
    }
}
