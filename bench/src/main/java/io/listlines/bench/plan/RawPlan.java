package io.listlines.bench.plan;

import io.listlines.bench.scenario.raw.RawPhase;
import java.util.List;

/**
 * What the raw-framing race ({@link RawPhase}) does to each of its servers, beside the run's {@link Plan},
 * whose think time, hold, ramp, client timeout and generator warm-up it shares. Smaller than the framed
 * scenarios' own: the article's servers are Python, and its pool serves two clients at a time.
 *
 * @param burstSessions        sessions per burst, at {@code burstConcurrency}
 * @param burstConcurrency     sessions in flight during the burst
 * @param serverWarmupSessions sessions run against a fresh server first, not measured (0: none)
 * @param heldLevels           slow clients to hold at once, in rising order, on the burst's server
 * @param everyJavaModel       every Java model of the run races; otherwise only the reference Netty one
 */
public record RawPlan(
        long burstSessions,
        int burstConcurrency,
        long serverWarmupSessions,
        List<Integer> heldLevels,
        boolean everyJavaModel) {

    public RawPlan {
        heldLevels = heldLevels == null ? List.of() : List.copyOf(heldLevels);
    }

    /** Full: 5,000 sessions a burst, not the framed 50,000: the article's servers are Python with a backlog of 5. */
    public static RawPlan fullRun() {
        return new RawPlan(5_000, 100, 1_000, List.of(100, 1000, 5000), true);
    }

    /**
     * Quick: a few seconds a server, one Java model; concurrency 20, which the article's backlog of 5 mostly
     * takes without dropped connections (retried after 1 s, they would time the burst); a level of 10 is more
     * than a pool of two serves.
     */
    public static RawPlan quickRun() {
        return new RawPlan(200, 20, 0, List.of(10), false);
    }

    public static RawPlan of(Plan plan) {
        return plan.quick() ? quickRun() : fullRun();
    }
}
