package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.InProcessLoad;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.report.LoadReport;
import io.listlines.testing.TestTier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server at its open-file limit, on every transport and every blocking model: its limit is cut
 * to {@value #FILES} files ({@code prlimit --pid}) once it is warm, then {@value #CLIENTS} slow
 * clients connect at once. Accept then fails with EMFILE until sessions end; every client must be
 * served in the end (they wait in the backlog), the log must say so in a handful of lines without
 * a stack trace, the counter must count the failures, and the server must not spin meanwhile. In the slow tier
 * (-Pfull): about 15 s a model.
 */
@Tag(TestTier.SLOW)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenFileLimitIT {
    static final int FILES = 256;
    static final int CLIENTS = 400;
    /** Before each line: sessions of about 5 s, so the limit holds for a while. */
    static final int THINK_MILLIS = 500;

    /**
     * Every model, Netty on each transport; the pool with enough threads that queued clients do not time out before
     * their turn (the doctor's waiting room is not what this tests): served and queued, the sockets are still more
     * than the limit allows.
     */
    static List<ServerModels.Command> servers() {
        return ServerModels.commandsOnEveryTransport(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void everyClientIsServedAtTheLimitWithoutAFloodOrASpin(ServerModels.Command command) throws Exception {
        String prlimit = ChildProcess.requireProgram(
                "prlimit", "prlimit (util-linux) is not installed: skipping the open-file limit test");
        try (ServerProcess server =
                new ServerProcess(command.args(), "--quiet", "--idle-timeout", "30", "--stats-interval", "0")) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            LoadReport warmup = InProcessLoad.closedLoop(address, 30, 0, 2_000, 50);
            assertEquals(2_000, warmup.completed(), "warm-up, below the limit");
            ChildProcess.Finished limited = ChildProcess.run(
                    List.of(
                            prlimit,
                            "--pid",
                            String.valueOf(server.process().pid()),
                            "--nofile=" + FILES + ":" + FILES),
                    Duration.ofSeconds(20));
            assertEquals(0, limited.status(), "prlimit --pid: " + limited.output());

            CompletableFuture<LoadReport> run = CompletableFuture.supplyAsync(
                    () -> InProcessLoad.closedLoop(address, 30, THINK_MILLIS, CLIENTS, CLIENTS));
            // A window in the middle of the first wave of sessions, when the server sits at its limit with little to do
            // but
            // a line a client every half second: a server that retried failed accepts at once would burn a core here.
            Thread.sleep(1_500);
            long cpuBefore = cpuTicks(server.process().pid());
            long wallBefore = System.nanoTime();
            Thread.sleep(2_000);
            double cores =
                    (cpuTicks(server.process().pid()) - cpuBefore) / 100.0 / ((System.nanoTime() - wallBefore) / 1e9);
            LoadReport atLimit = run.get(60, TimeUnit.SECONDS);

            server.signal("TERM");
            server.await("Stopped");
            List<String> log = server.seen();
            assertEquals(
                    CLIENTS, atLimit.completed(), "every client served in the end: " + atLimit.failures() + "; " + log);
            String stats = log.stream()
                    .filter(l -> l.contains("Stats: "))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            Matcher counted =
                    Pattern.compile("accept errors (\\d+) \\(EMFILE (\\d+)\\)").matcher(stats);
            assertTrue(counted.find(), "the limit was reached and counted: " + stats);
            long failures = Long.parseLong(counted.group(1));
            assertTrue(failures < 1_000, failures + " failed accepts: accepting must pause, not retry at once");
            long aboutTheLimit = log.stream()
                    .filter(l -> l.contains("Accepting connections"))
                    .count();
            assertTrue(aboutTheLimit >= 1 && aboutTheLimit <= 4, "a handful of lines about the limit: " + log);
            assertTrue(
                    log.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                    "no stack trace: " + log);
            assertTrue(
                    cores < 0.5,
                    String.format("the server used %.2f cores while at its limit: it must not spin", cores));
        }
    }

    /** User and system CPU of a process, in clock ticks (100 a second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
