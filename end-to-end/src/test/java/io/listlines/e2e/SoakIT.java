package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientRun;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.LeakingServer;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.runtime.Transport;
import io.listlines.testing.Frames;
import io.listlines.testing.LoopbackHttp;
import io.listlines.testing.TestTier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soak, quick: every server model as a real process (fixed heap, Netty's leak detector at
 * PARANOID, so that every buffer is tracked, not one in 128) takes 20,000 sessions, one in ten
 * hostile, and the soak's checks must all pass with no leak reported anywhere in the server's log.
 * The idle timeout (3 s) leaves room for a busy machine: a hostile client slower than it would be
 * counted as idle, not as the hostility it plays. The leak check has a positive control: the same
 * check against a server that leaks on purpose ({@link LeakingServer}) must report it.
 * The full run (a million sessions) is {@code netty-client soak} by hand; see the README. The soak is in the slow
 * tier (-Pfull); its positive control, a few seconds, in both.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SoakIT {
    /** The server JVM's flags: a fixed heap, so RSS shows leaks rather than heap growth, and every buffer leak-tracked. */
    static final List<String> JVM =
            List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-Dio.netty.leakDetection.level=paranoid");

    /**
     * Every model; Netty on each transport this machine has (io_uring, epoll, NIO), the pool with 200 threads. The
     * resets and half-closes of the hostile clients must all be counted {@code incomplete}: on io_uring that needs the
     * single-shot POLL_ADD that {@link Transport} sets up (with Netty 4.2.18's multishot default, about four in ten
     * resets arriving with their last bytes were noticed only at the idle timeout).
     */
    static List<ServerModels.Command> commands() {
        return ServerModels.commandsOnEveryTransport(200);
    }

    @Tag(TestTier.SLOW)
    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aQuickSoak(ServerModels.Command command) throws Exception {
        try (ServerProcess server = new ServerProcess(
                JVM,
                command.args(),
                "--quiet",
                "--idle-timeout",
                "3",
                "--metrics-port",
                "0",
                "--stats-interval",
                "0")) {
            int metrics = Integer.parseInt(server.await("Metrics on").replaceAll(".*:(\\d+)/metrics.*", "$1"));
            ClientRun run = ClientRun.of(
                    "soak",
                    "--target",
                    "127.0.0.1:" + server.port(),
                    "--metrics",
                    "http://127.0.0.1:" + metrics + "/metrics",
                    "--sessions",
                    "20000",
                    "--concurrency",
                    "100",
                    "--server-pid",
                    String.valueOf(server.process().pid()),
                    "--expect-list",
                    "1,2,7,9,0");
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("soak: every check passed"), run.out());
            List<String> log = stopAfterALeakSweep(server, metrics);
            assertTrue(log.stream().anyMatch(l -> l.endsWith("Stopped")), "stopped as it should: " + log);
            assertEquals(List.of(), leaks(log), "no leak reported");
            assertTrue(log.stream().noneMatch(l -> l.contains("WARN  Transport")), "no transport caveat: " + log);
        }
    }

    /** The positive control: the leak check, run on a server that leaks a buffer per connection, reports it. */
    @Test
    void theLeakCheckCatchesALeakingServer() throws Exception {
        try (ServerProcess server = new ServerProcess(JVM, List.of(LeakingServer.class.getName()))) {
            connections(server.port(), 5);
            List<String> log = stopAfterALeakSweep(server, -1);
            assertFalse(leaks(log).isEmpty(), "the leaks were reported: " + log);
            assertTrue(
                    leaks(log).stream().anyMatch(l -> l.contains("LEAK: ByteBuf.release() was not called")),
                    leaks(log).toString());
        }
    }

    /** The lines of a server's log that report a leak. */
    static List<String> leaks(List<String> log) {
        return log.stream().filter(l -> l.contains("LEAK")).toList();
    }

    /**
     * Stops the server so that any buffer it lost shows in its log, and returns the whole log. Netty
     * reports a lost buffer only after the garbage collector has found it, and only when a buffer is
     * next allocated: so first a full GC in the server (jcmd), then a few connections (and, given its
     * port, a request for the metrics) whose buffers make the detector report, then SIGTERM, and the
     * log read to its end once the process has exited.
     */
    static List<String> stopAfterALeakSweep(ServerProcess server, int metricsPort) throws Exception {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        assertTrue(Files.isExecutable(jcmd), "the leak sweep needs the JDK's jcmd next to " + jcmd.getParent());
        // Three rounds: the JVM hands collected buffers to Netty's reference queue on a thread of its own, after the
        // GC, so one round's connections can come too early to find them (seen once on a loaded machine).
        for (int round = 0; round < 3; round++) {
            ChildProcess.Finished gc = ChildProcess.run(
                    List.of(jcmd.toString(), String.valueOf(server.process().pid()), "GC.run"), Duration.ofSeconds(30));
            assertEquals(0, gc.status(), "jcmd GC.run: " + gc.output());
            Thread.sleep(200);
            connections(server.port(), 5);
        }
        if (metricsPort >= 0) {
            assertEquals(200, LoopbackHttp.get(metricsPort, "/metrics").statusCode());
        }
        server.signal("TERM");
        return server.wholeLog();
    }

    /** {@code n} connections, one after another, that each send one line frame and close. */
    private static void connections(int port, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(Frames.frame("Hey. 0"));
                out.flush();
            }
        }
    }
}
