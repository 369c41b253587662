package io.listlines.bench.scenario;

import io.listlines.bench.model.Results;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import java.util.List;

/**
 * A part of the comparison that {@code --scenarios} can pick, whole: how it runs, and how its
 * results read in results.md and its charts. Each runs on servers of its own, started through the
 * {@link Harness}; what it measured goes into the {@link Findings}, from which the run's
 * {@link Results} are made. Its report and charts are functions of those results alone, so
 * {@code --redraw} draws them again from results.json. {@link Scenarios#ALL} lists every one.
 */
public interface Scenario {
    /**
     * Its name on the command line and in results.json's {@code settings.scenarios}: the last part of its
     * package, {@code scenario.NAME} ({@code burst}, {@code held} ...), so that name and place are one.
     */
    default String name() {
        String pkg = getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    /** Runs it against the run's models; what it measured goes into {@code findings}. */
    void run(Harness harness, Findings findings);

    /** Its section of results.md; nothing when {@code results} hold none of it (it did not run). */
    void report(Results results, StringBuilder md);

    /** The charts it draws from {@code results}, in report order; none when it did not run. */
    List<ChartFile> charts(Results results);
}
