package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.process.ListeningLine;
import io.listlines.protocol.Protocol;
import io.listlines.server.NettyServerCommand;
import io.listlines.testing.Frames;
import io.listlines.testing.LoopbackHttp;
import io.listlines.testing.Pickles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each server command as a real process: it logs where it listens, and on SIGTERM stops accepting,
 * lets the session in flight finish (or cuts it at the grace deadline) and exits 0.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerProcessIT {
    /** A JVM running {@code mainClass} on the test class path, logging as the real program does. */
    static List<String> java(List<String> command) {
        List<String> args = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=logback-server-process.xml",
                "-cp",
                System.getProperty("java.class.path")));
        args.addAll(command);
        return args;
    }

    /** The Netty server (its own choice of transport), then each threaded model. */
    static Stream<List<String>> commands() {
        return Stream.concat(
                Stream.of(List.of(NettyServerCommand.class.getName())), ServerModels.threadedCommands().stream());
    }

    /** A server process and the lines it logs. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** The lines {@link #await} has gone through so far. */
        final List<String> all = new ArrayList<>();

        final int port;
        private final Thread reader;

        ServerProcess(List<String> command, String... extra) throws Exception {
            this(List.of(), command, extra);
        }

        ServerProcess(List<String> jvmFlags, List<String> command, String... extra) throws Exception {
            List<String> args = java(command);
            args.addAll(1, jvmFlags);
            args.addAll(List.of("--host", "127.0.0.1"));
            if (!List.of(extra).contains("--port")) {
                args.addAll(List.of("--port", "0"));
            }
            args.addAll(List.of(extra));
            process = new ProcessBuilder(args).redirectErrorStream(true).start();
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            });
            String listening = await("Listening on ");
            port = ListeningLine.find(listening)
                    .orElseThrow(() -> new AssertionError("not a listening line: " + listening))
                    .port();
        }

        String await(String fragment) throws InterruptedException {
            while (true) {
                String line = lines.poll(20, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no log line containing '" + fragment + "'; saw " + all);
                }
                all.add(line);
                if (line.contains(fragment)) {
                    return line;
                }
            }
        }

        /**
         * Everything the process logged, once it has exited: the lines {@link #await} went through and
         * every one after them, up to the end of its output.
         */
        List<String> wholeLog() throws InterruptedException {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server process exits");
            reader.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(!reader.isAlive(), "the end of the server's output is read");
            lines.drainTo(all);
            return List.copyOf(all);
        }

        /** A client of the server, its reads given up after 20 s. */
        Socket connect() throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            return socket;
        }

        /** Sends a signal with kill(1): Process.destroy() was seen not to reach the child under surefire here. */
        void signal(String name) throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process.isAlive()) {
                signal("KILL");
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void sigtermLetsTheSessionInFlightFinishAndExitsZero(List<String> command) throws Exception {
        try (ServerProcess server = new ServerProcess(command, "--grace", "20");
                Socket socket = server.connect()) {
            assertEquals(Protocol.DEFAULT_LIST, Pickles.unpickle(Frames.readFrame(socket.getInputStream())));
            byte[] lines = Frames.tenLineFrames();
            OutputStream out = socket.getOutputStream();
            out.write(lines, 0, lines.length / 2);
            out.flush();
            server.await("Hey. 4");
            server.signal("TERM");
            server.await("waiting up to 20 s for 1 sessions in flight");
            try (Socket late = new Socket()) {
                late.connect(new InetSocketAddress("127.0.0.1", server.port), 2000);
                throw new AssertionError("a stopping server must not accept new connections");
            } catch (IOException expected) {
                // refused: the listening socket is closed
            }
            out.write(lines, lines.length / 2, lines.length - lines.length / 2);
            out.flush();
            assertEquals(-1, socket.getInputStream().read());
            assertTrue(server.await("Closed connection: ").endsWith("(complete)"));
            server.await("Stopped");
            assertTrue(server.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, server.process.exitValue());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theDrainDelayReportsNotReadyKeepsAcceptingThenStops(List<String> command) throws Exception {
        try (ServerProcess server = new ServerProcess(command, "--metrics-port", "0", "--drain-delay", "3")) {
            int metrics = metricsPort(server);
            assertEquals(200, LoopbackHttp.get(metrics, "/ready").statusCode());
            drain(server, 3);
            assertEquals(503, LoopbackHttp.get(metrics, "/ready").statusCode());
            assertEquals(200, LoopbackHttp.get(metrics, "/health").statusCode());
            try (Socket late = server.connect()) {
                // a client the load balancer sent before it saw 503 is served in full
                assertEquals(Protocol.DEFAULT_LIST, Pickles.unpickle(Frames.readFrame(late.getInputStream())));
                late.getOutputStream().write(Frames.tenLineFrames());
                assertEquals(-1, late.getInputStream().read());
            }
            server.await("Drain delay over: stopping");
            assertExitsZero(server);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aSecondSignalCutsTheDrainDelayShort(List<String> command) throws Exception {
        try (ServerProcess server = new ServerProcess(command, "--drain-delay", "120")) {
            drain(server, 120);
            server.signal("TERM");
            server.await("Received a second signal: stopping now");
            assertExitsZero(server);
        }
    }

    /** Sends SIGTERM to a server started with {@code --drain-delay seconds} and waits for it to say it drains. */
    private static void drain(ServerProcess server, int seconds) throws Exception {
        server.signal("TERM");
        server.await("not ready, still accepting for " + seconds + " s (--drain-delay)");
    }

    private static void assertExitsZero(ServerProcess server) throws InterruptedException {
        assertTrue(server.process.waitFor(20, TimeUnit.SECONDS), "the server process exits");
        assertEquals(0, server.process.exitValue());
    }

    /** The port of the server's "Metrics on http://HOST:PORT/metrics" line. */
    private static int metricsPort(ServerProcess server) throws InterruptedException {
        String line = server.await("Metrics on ");
        return URI.create(line.substring(line.indexOf("http://")).strip()).getPort();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theGracePeriodCutsSessionsThatDoNotFinish(List<String> command) throws Exception {
        try (ServerProcess server = new ServerProcess(command, "--grace", "1");
                Socket socket = server.connect()) {
            Frames.readFrame(socket.getInputStream());
            server.await("Received connection");
            server.signal("TERM");
            server.await("Grace period over: closing 1 sessions still in flight");
            assertTrue(server.await("Closed connection: ").endsWith("(incomplete 0/10)"));
            assertTrue(server.process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, server.process.exitValue());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aPortInUseIsOneSentence(List<String> command) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> args = java(command);
            args.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())));
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue());
            assertTrue(
                    output.startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                            && !output.contains("\n"),
                    output);
        }
    }
}
