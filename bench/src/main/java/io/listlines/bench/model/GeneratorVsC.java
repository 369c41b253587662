package io.listlines.bench.model;

import java.util.List;

/**
 * The load generator against the minimal C client, same server, sessions and concurrency: in every
 * round the C client runs just before and just after the generator's burst at 100;
 * {@code cSessionsPerSecond} is the median of those runs, {@code generatorSessionsPerSecond} the
 * median of the generator's rounds and {@code ratio} the one over the other.
 */
public record GeneratorVsC(
        Status status,
        String note,
        String model,
        long sessions,
        int concurrency,
        double generatorSessionsPerSecond,
        double cSessionsPerSecond,
        double ratio,
        List<CClientRun> cRuns) {

    /** The comparison did not run, for {@code why}. */
    public static GeneratorVsC notMeasured(String why, String model, long sessions) {
        return new GeneratorVsC(Status.NOT_MEASURED, why, model, sessions, 100, 0, 0, 0, List.of());
    }

    /** Both the generator and the C client completed sessions: the ratio means something. */
    public boolean measured() {
        return status == Status.OK;
    }
}
