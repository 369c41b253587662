package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.runtime.Transport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soak, quick: every server model as a real process (fixed heap, leak detection on) takes
 * 20,000 sessions, one in ten hostile, and the soak's checks must all pass with no leak reported. The
 * idle timeout (3 s) leaves room for a busy machine: a hostile client slower than it would be
 * counted as idle, not as the hostility it plays.
 * The full run (a million sessions) is {@code netty-client soak} by hand; see the README.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SoakIT {
    /**
     * Every model; Netty on each transport this machine has (io_uring, epoll, NIO). The resets and half-closes
     * of the hostile clients must all be counted {@code incomplete}: on io_uring that needs the single-shot
     * POLL_ADD that {@link Transport} sets up (with Netty 4.2.18's multishot default, about four in ten resets
     * arriving with their last bytes were noticed only at the idle timeout).
     */
    static Stream<List<String>> commands() {
        return ServerProcessIT.commands().flatMap(c -> c.get(0).endsWith("NettyServerCommand")
                ? Transport.available().stream().map(t -> List.of(c.get(0), "--transport", t.toString()))
                : Stream.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aQuickSoak(List<String> command) throws Exception {
        List<String> jvm = List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-Dio.netty.leakDetection.level=advanced");
        List<String> extra = command.contains("pool") ? List.of("--threads", "200") : List.of();
        String[] flags = Stream.concat(extra.stream(), Stream.of("--quiet", "--idle-timeout", "3", "--metrics-port", "0", "--stats-interval", "0"))
                .toArray(String[]::new);
        try (ServerProcessIT.ServerProcess server = new ServerProcessIT.ServerProcess(jvm, command, flags)) {
            int metrics = Integer.parseInt(server.await("Metrics on").replaceAll(".*:(\\d+)/metrics.*", "$1"));
            ClientCommandIT.Run run = ClientCommandIT.run("soak", "--target", "127.0.0.1:" + server.port,
                    "--metrics", "http://127.0.0.1:" + metrics + "/metrics", "--sessions", "20000", "--concurrency", "100",
                    "--server-pid", String.valueOf(server.process.pid()), "--expect-list", "1,2,7,9,0");
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("soak: every check passed"), run.out());
            server.signal("TERM");
            server.await("Stopped");
            assertTrue(server.process.waitFor(20, TimeUnit.SECONDS));
            assertTrue(server.all.stream().noneMatch(l -> l.contains("LEAK")), "no leak reported: " + server.all);
            assertTrue(server.all.stream().noneMatch(l -> l.contains("WARN  Transport")), "no transport caveat: " + server.all);
        }
    }
}
