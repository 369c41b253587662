package io.listlines.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Machine;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.Target;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 30's targets against the yardsticks of the same run: server CPU per session at most 1.10x bare
 * Netty's on the same transport and 1.40x the C server's, judged on the reference model; RSS per
 * connection at 19,000 at most 2.0 KB with 0 failed, with the longest GC pause as evidence.
 */
class TargetsTest {
    private static final Machine MACHINE = new Machine(
            2, "", 1, "", "", "", "java", 20_000, 20_000, 100, List.of("io_uring", "epoll", "nio"), "", "", "");

    private static Run run(long failed, Double gcPause) {
        return new Run(Status.OK, null, 1000, failed, Map.of(), 1, 1, 1, 1, 1, 0, "", gcPause, null);
    }

    private static BurstResult burst(double cpuPer1000) {
        return new BurstResult(100, 1000, 1000, 20_000, List.of(), List.of(), 1, 2, cpuPer1000, 0, run(0, 1.0));
    }

    private static HeldResult held(long failed, double perConnection, Double gcPause) {
        return new HeldResult(
                19_000, 1000, 0, 10, 19_000, 19_000, 0, 2, 30, 30, perConnection, List.of(), run(failed, gcPause));
    }

    private static ModelResult model(String name, String kind, double cpuPer1000, HeldResult held) {
        return new ModelResult(
                name, kind, "", true, null, List.of(), List.of(burst(cpuPer1000)), List.of(held), List.of());
    }

    private static YardstickResult yardstick(String transport, double cpuPer1000, HeldResult held) {
        return new YardstickResult(transport, Status.OK, null, List.of(), List.of(burst(cpuPer1000)), List.of(held));
    }

    private static Results results(double referenceCpu, HeldResult referenceHeld) {
        return results(
                referenceCpu,
                referenceHeld,
                List.of(
                        yardstick("io_uring", 0.0362, held(0, 1800, 3.0)),
                        yardstick("epoll", 0.0350, held(0, 1850, 3.0))));
    }

    private static Results results(double referenceCpu, HeldResult referenceHeld, List<YardstickResult> bareNetty) {
        Plan plan = Plan.fullRun();
        return new Results(
                Results.SCHEMA_VERSION,
                "now",
                false,
                1,
                MACHINE,
                new Settings(plan, "", List.of(), List.of(), "", List.of(), List.of(), "", ""),
                List.of(
                        model("netty-io_uring", "netty", referenceCpu, referenceHeld),
                        model("netty-epoll", "netty", 0.040, held(0, 1900, 2.0)),
                        model("virtual", "threaded", 0.048, held(0, 7900, 5.5))),
                null,
                yardstick(null, 0.0282, held(0, 10, null)),
                bareNetty,
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of());
    }

    private static Target target(Results r, String startsWith) {
        return Targets.evaluate(r, "netty-io_uring").stream()
                .filter(t -> t.name().startsWith(startsWith))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target " + startsWith));
    }

    private static final String VS_BARE = "Netty server CPU-seconds per 1,000 sessions (burst at concurrency 100) at "
            + "most 1.10x bare Netty's on the same transport";
    private static final String VS_C = "Netty server CPU-seconds per 1,000 sessions (burst at concurrency 100) at "
            + "most 1.40x the minimal C epoll server's";
    private static final String RSS = "Netty at no more than 2.0 KB (2,048 bytes)";

    @Test
    void cpuIsJudgedOnTheReferenceAgainstBareNettyOnItsTransportWithTheOthersBesideIt() {
        Target met = target(results(0.0390, held(0, 1900, 4.0)), VS_BARE);
        assertEquals(Targets.MET, met.status(), met.toString());
        assertEquals(
                "netty-io_uring 39.0 vs bare-netty-io_uring 36.2 CPU-ms per 1,000 sessions: 1.08x (netty-epoll 1.14x)",
                met.detail());
        assertEquals(
                Targets.MISSED,
                target(results(0.0416, held(0, 1900, 4.0)), VS_BARE).status());
    }

    @Test
    void cpuAgainstTheCServerListsBareNettyAndEveryModel() {
        Target t = target(results(0.0416, held(0, 1900, 4.0)), VS_C);
        assertEquals(Targets.MISSED, t.status(), t.toString());
        assertEquals(
                "netty-io_uring 41.6 vs c-server 28.2 CPU-ms per 1,000 sessions: 1.48x (bare-netty-io_uring 1.28x, "
                        + "bare-netty-epoll 1.24x, netty-epoll 1.42x, virtual 1.70x)",
                t.detail());
        assertEquals(
                Targets.MET, target(results(0.0390, held(0, 1900, 4.0)), VS_C).status());
    }

    @Test
    void withoutBareNettyOnTheReferencesTransportItIsNotMeasured() {
        Results noBare = results(
                0.0390,
                held(0, 1900, 4.0),
                List.of(YardstickResult.notMeasured("io_uring", "bare Netty on io_uring was not run: no jar")));
        Target t = target(noBare, VS_BARE);
        assertEquals(Targets.NOT_MEASURED, t.status());
        assertEquals("bare Netty on io_uring was not run: no jar", t.detail());
    }

    @Test
    void rssAt19000IsMetAtMost2KbWithNoFailureAndShowsTheLongestGcPause() {
        Target met = target(results(0.039, held(0, 2000, 12.5)), RSS);
        assertEquals(Targets.MET, met.status(), met.toString());
        assertTrue(met.detail().startsWith("netty-io_uring: 2,000 bytes (1.95 KB) per connection: "), met.detail());
        assertTrue(
                met.detail()
                        .contains(", 0 failed, longest GC pause 12.5 ms; bare-netty-io_uring 1,800 bytes per "
                                + "connection (netty-io_uring is 1.11x it), longest GC pause 3.0 ms"),
                met.detail());
        assertTrue(
                met.detail()
                        .contains(
                                "netty-epoll: 19,000 open, 0 failed, 1,900 bytes/connection, longest GC pause 2.0 ms"),
                met.detail());
        assertEquals(
                Targets.MISSED, target(results(0.039, held(3, 2000, 12.5)), RSS).status(), "3 failed");
        assertEquals(
                Targets.MISSED, target(results(0.039, held(0, 3670, 12.5)), RSS).status(), "3.6 KB");
    }

    @Test
    void virtualThreadsAtMost8KbWithTheirLongestGcPause() {
        Target t = target(results(0.039, held(0, 2000, 12.5)), "The virtual-thread server at no more than 8 KB");
        assertEquals(Targets.MET, t.status());
        assertTrue(t.detail().endsWith("0 failed, longest GC pause 5.5 ms"), t.detail());
    }
}
