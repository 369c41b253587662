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

    /** The full run's ({@link Profile#FULL}). */
    public static RawPlan fullRun() {
        return Profile.FULL.rawPlan();
    }

    /** The quick run's ({@link Profile#QUICK}). */
    public static RawPlan quickRun() {
        return Profile.QUICK.rawPlan();
    }

    /** The raw race's plan beside the run's {@code plan}: of the same profile. */
    public static RawPlan of(Plan plan) {
        return plan.profile().rawPlan();
    }
}
