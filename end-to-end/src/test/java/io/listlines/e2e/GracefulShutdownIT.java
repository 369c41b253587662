package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.MetricsScrape;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.testing.Frames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGTERM with 1,000 sessions in flight, on every server model as a real process: no new
 * connections, every session either finishes or is counted as cut at the grace deadline, the final
 * summary is logged, and the process exits 0.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownIT {
    private static final int SESSIONS = 1000;

    /** netty-server and the 2-thread pool in the fast tier, each model under -Pfull. */
    static List<ServerModels.Command> commands() {
        return ServerModels.inTier(ServerModels.commands(), "pool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void sigtermWithAThousandSessionsInFlight(ServerModels.Command command) throws Exception {
        byte[] lines = Frames.tenLineFrames();
        int half = lines.length / 2; // five frames of "Hey. N": 10 bytes each
        List<Socket> sockets = new ArrayList<>();
        try (ServerProcess server = new ServerProcess(
                command.args(), "--quiet", "--grace", "3", "--stats-interval", "0", "--metrics-port", "0")) {
            int metrics = server.metricsPort();
            for (int i = 0; i < SESSIONS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(lines, 0, half);
                sockets.add(socket);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (counter(metrics, "listlines_connections_accepted_total") < SESSIONS) {
                assertTrue(System.nanoTime() < deadline, "the server accepted every connection");
                Thread.sleep(20);
            }
            server.signal("TERM");
            server.await("No longer accepting");
            // Half of the clients finish their sessions; the other half stay silent past the grace period.
            for (int i = 0; i < SESSIONS / 2; i++) {
                OutputStream out = sockets.get(i).getOutputStream();
                out.write(lines, half, lines.length - half);
                out.flush();
            }
            try (Socket late = new Socket()) {
                late.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                throw new AssertionError("a stopping server must not accept new connections");
            } catch (IOException expected) {
                // refused
            }
            String summary = server.await("Stats: ");
            server.await("Stopped");
            assertEquals(0, server.exitStatus(), server.seen().toString());

            Matcher m = Pattern.compile(
                            "accepted (\\d+), open (\\d+), complete (\\d+), incomplete (\\d+), rejected (\\d+), cut (\\d+), "
                                    + "errors (\\d+).*, lines read (\\d+)")
                    .matcher(summary);
            assertTrue(m.find(), summary);
            long accepted = Long.parseLong(m.group(1));
            long open = Long.parseLong(m.group(2));
            long complete = Long.parseLong(m.group(3));
            long incomplete = Long.parseLong(m.group(4));
            long cut = Long.parseLong(m.group(6));
            assertEquals(SESSIONS, accepted, summary);
            assertEquals(0, open, summary);
            assertEquals(SESSIONS, complete + incomplete, "every session finished or was cut: " + summary);
            assertEquals(incomplete, cut, "the only incomplete sessions are the ones cut at the deadline: " + summary);
            if (!command.name().startsWith("pool")) {
                // Every model with a thread (or event loop) per connection finishes all willing sessions;
                // the 2-thread pool serves its queue in order and may be cut short behind silent clients.
                assertEquals(SESSIONS / 2, complete, summary);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static double counter(int port, String name) throws IOException, InterruptedException {
        return MetricsScrape.fetch(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .value(name, Map.of())
                .orElse(-1);
    }
}
