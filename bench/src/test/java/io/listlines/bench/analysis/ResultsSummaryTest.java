package io.listlines.bench.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Settings;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import io.listlines.bench.proc.PythonServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary in words says what the numbers say, whichever way they fall. */
class ResultsSummaryTest {
    private static BurstResult burst(double rate, double cpuPer1000) {
        Run run = new Run(Status.OK, null, 1000, 0, Map.of(), 1, 1, 1, 1, 1, 0, "", null, null);
        return new BurstResult(100, 1000, 1000, rate, List.of(rate), List.of(0L), 1, 2, cpuPer1000, 0, run);
    }

    private static HeldResult held(int level, long failed, double perConnection) {
        Run run = new Run(Status.OK, null, level, failed, Map.of(), 1, 1, 2, 10, 1, 0, "", null, null);
        return new HeldResult(level, 1000, 0, 10, level, level, 0, 2, 30, 30, perConnection, List.of(), run);
    }

    /** A model that ran, with one burst and one held level. */
    private static ModelResult model(String name, String kind, BurstResult burst, HeldResult held) {
        return new ModelResult(name, kind, "", true, null, List.of(), List.of(burst), List.of(held), List.of());
    }

    private static Results results(double virtualRate, double virtualPerConnection) {
        List<ModelResult> models = List.of(
                model("netty-epoll", "netty", burst(12_000, 0.07), held(1000, 0, 2800)),
                model("virtual", "threaded", burst(virtualRate, 0.09), held(1000, 0, virtualPerConnection)),
                model("pool-2", "threaded", burst(8000, 0.1), held(1000, 990, 300)));
        Plan plan = Plan.quickRun().with(null, List.of(1000), null, null);
        return results(new Settings(plan, "", List.of(), List.of(), "", List.of(), List.of(), "", ""), models, null);
    }

    /** A run of {@code models} (and the raw race's {@code raw}, or none) under {@code settings}, nothing else measured. */
    private static Results results(Settings settings, List<ModelResult> models, RawResult raw) {
        return results(settings, models, raw, null, List.of());
    }

    /** As {@link #results(Settings, List, RawResult)}, with the yardsticks {@code cServer} and {@code bareNetty}. */
    private static Results results(
            Settings settings,
            List<ModelResult> models,
            RawResult raw,
            YardstickResult cServer,
            List<YardstickResult> bareNetty) {
        return new Results(
                Results.SCHEMA_VERSION,
                "now",
                false,
                1,
                null,
                settings,
                models,
                null,
                cServer,
                bareNetty,
                List.of(),
                List.of(),
                raw,
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                Map.of());
    }

    private static String summary(Results r) {
        return String.join("\n", ResultsSummary.sentences(r));
    }

    @Test
    void virtualThreadsCloseToNettyAreSaidToComeClose() {
        String s = summary(results(11_500, 3000));
        assertTrue(s.contains("Virtual threads come close here: within 4%"), s);
        assertTrue(s.contains("about as little memory as the event loop"), s);
    }

    @Test
    void aClearLeadIsSaidWithItsSize() {
        String s = summary(results(9000, 9000));
        assertTrue(s.contains("The event loop leads virtual threads by 33%"), s);
        assertTrue(s.contains("costs 3.2x the memory"), s);
        assertTrue(s.contains("Not held: pool-2 (990 failed"), s);
        assertTrue(s.contains("the rest wait unserved"), s);
    }

    @Test
    void theCpuSentenceTakesTheCheapestNettyModelAsItsBase() {
        List<ModelResult> models = List.of(
                model("netty-io_uring", "netty", burst(12_000, 0.08), held(1000, 0, 2800)),
                model("netty-epoll", "netty", burst(11_000, 0.05), held(1000, 0, 2800)),
                model("virtual", "threaded", burst(9000, 0.10), held(1000, 0, 3000)));
        Results r = results(9000, 3000);
        r = results(r.settings(), models, null);
        String s = summary(r);
        assertTrue(s.contains("netty-epoll 0.050 CPU-s; virtual 0.100 (2.00x)"), s);
    }

    @Test
    void whatNettyCostsAboveCAndListlinesAboveNettyIsSaidInWords() {
        List<ModelResult> models = List.of(
                model("netty-epoll", "netty", burst(12_000, 0.0416), held(1000, 0, 3670)),
                model("virtual", "threaded", burst(9000, 0.10), held(1000, 0, 3000)));
        Settings settings = results(9000, 3000).settings();
        Results withYardsticks = results(
                settings,
                models,
                null,
                new YardstickResult(null, Status.OK, null, List.of(), List.of(burst(24_000, 0.0282)), List.of()),
                List.of(new YardstickResult(
                        "epoll",
                        Status.OK,
                        null,
                        List.of(),
                        List.of(burst(13_000, 0.0362)),
                        List.of(held(1000, 0, 3510)))));
        String s = summary(withYardsticks);
        assertTrue(
                s.contains(
                        "**What Netty costs above C, and netty-epoll above Netty** (server CPU-ms per 1,000 sessions "
                                + "at concurrency 100, on epoll): the minimal C server 28.2, bare Netty 36.2, netty-epoll 41.6. "
                                + "Bare Netty costs 1.28x the C server per session; netty-epoll adds 15% above bare Netty (1.48x "
                                + "the C server in all). Held, 1,000 slow clients: netty-epoll 3.58 KB a connection, bare Netty "
                                + "3.43 KB (1.05x)."),
                s);
        assertTrue(
                !summary(results(settings, models, null)).contains("What Netty costs"), "no yardsticks, no sentence");
    }

    @Test
    void virtualThreadsAheadAreSaidToBeAhead() {
        assertTrue(summary(results(14_000, 3000)).contains("Virtual threads are ahead of the event loop here, by 17%"));
        assertTrue(summary(results(12_500, 3000))
                .contains("Virtual threads and the event loop are level here (within 4%)"));
    }

    @Test
    void theRawRaceIsSummedUpWithTheLevelsNotServed() {
        Results framed = results(9000, 9000);
        RawResult raw = new RawResult(
                RawPlan.fullRun(),
                null,
                List.of(
                        model("python-threads", PythonServers.KIND, burst(240, 0.8), held(100, 0, 9000)),
                        model("python-pool-2", PythonServers.KIND, burst(300, 0.3), held(100, 98, 0)),
                        model("netty-epoll", "netty", burst(4100, 0.2), held(100, 0, 3000))));
        Results r = results(framed.settings(), framed.models(), raw);
        String s = summary(r);
        assertTrue(
                s.contains("**Raw framing, the article's own servers beside ours** (full sessions at concurrency 100): "
                        + "python-threads 240, python-pool-2 300, netty-epoll 4,100 sessions/s."),
                s);
        assertTrue(s.contains("Slow clients not all served: python-pool-2 from 100."), s);
        assertTrue(!summary(framed).contains("Raw framing"), "no race, no sentence");
    }
}
