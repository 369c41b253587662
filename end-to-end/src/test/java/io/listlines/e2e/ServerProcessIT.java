package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Frames;
import io.listlines.testing.LoopbackHttp;
import io.listlines.testing.Pickles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each server command as a real process: it logs where it listens, and on SIGTERM stops accepting,
 * lets the session in flight finish (or cuts it at the grace deadline) and exits 0.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerProcessIT {
    /** netty-server and thread-per-client in the fast tier, each model under -Pfull. */
    static List<ServerModels.Command> commands() {
        return ServerModels.inTier(ServerModels.commands(), "thread-per-client");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void sigtermLetsTheSessionInFlightFinishAndExitsZero(ServerModels.Command command) throws Exception {
        try (ServerProcess server = new ServerProcess(command.args(), "--grace", "20");
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
                late.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                throw new AssertionError("a stopping server must not accept new connections");
            } catch (IOException expected) {
                // refused: the listening socket is closed
            }
            out.write(lines, lines.length / 2, lines.length - lines.length / 2);
            out.flush();
            assertEquals(-1, socket.getInputStream().read());
            assertTrue(server.await("Closed connection: ").endsWith("(complete)"));
            server.await("Stopped");
            assertEquals(0, server.exitStatus());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theDrainDelayReportsNotReadyKeepsAcceptingThenStops(ServerModels.Command command) throws Exception {
        try (ServerProcess server = new ServerProcess(command.args(), "--metrics-port", "0", "--drain-delay", "3")) {
            int metrics = server.metricsPort();
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
            assertEquals(0, server.exitStatus());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aSecondSignalCutsTheDrainDelayShort(ServerModels.Command command) throws Exception {
        try (ServerProcess server = new ServerProcess(command.args(), "--drain-delay", "120")) {
            drain(server, 120);
            server.signal("TERM");
            server.await("Received a second signal: stopping now");
            assertEquals(0, server.exitStatus());
        }
    }

    /** Sends SIGTERM to a server started with {@code --drain-delay seconds} and waits for it to say it drains. */
    private static void drain(ServerProcess server, int seconds) throws Exception {
        server.signal("TERM");
        server.await("not ready, still accepting for " + seconds + " s (--drain-delay)");
    }

    /** The port of the server's "Metrics on http://HOST:PORT/metrics" line. */
    @ParameterizedTest
    @MethodSource("commands")
    void theGracePeriodCutsSessionsThatDoNotFinish(ServerModels.Command command) throws Exception {
        try (ServerProcess server = new ServerProcess(command.args(), "--grace", "1");
                Socket socket = server.connect()) {
            Frames.readFrame(socket.getInputStream());
            server.await("Received connection");
            server.signal("TERM");
            server.await("Grace period over: closing 1 sessions still in flight");
            assertTrue(server.await("Closed connection: ").endsWith("(incomplete 0/10)"));
            assertEquals(0, server.exitStatus());
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aPortInUseIsOneSentence(ServerModels.Command command) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> args = ServerProcess.javaCommand(command.args());
            args.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())));
            ChildProcess.Finished run = ChildProcess.run(args, Duration.ofSeconds(20));
            String output = run.output().strip();
            assertEquals(1, run.status(), output);
            assertTrue(
                    output.startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                            && !output.contains("\n"),
                    output);
        }
    }
}
