package io.listlines.bench.scenario.startup;

import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.model.Results;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.plan.Profile;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.util.List;

/** The programs' start-up times through their launchers ({@link StartupPhase}). */
public final class StartupScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        findings.startup(new StartupPhase(harness).run());
    }

    @Override
    public void report(Results r, StringBuilder md) {
        if (r.startup().isEmpty()) {
            return;
        }
        md.append("## Start-up\n\n");
        md.append(f(
                "Each program started through its launcher in `bin/` as a user starts it (its JVM options and class-data "
                        + "cache; `JAVA_HOME` set to the bench's Java), %d times after two unmeasured runs that make the cache: "
                        + "a server until it logs `Listening`, the client for one whole session against a running Netty server, "
                        + "until it exits. Wall time from the process's start; the median is quoted.\n\n",
                Profile.of(r.quick()).startupRuns()));
        md.append("| program | command | until it | median | runs |\n|---|---|---|--:|---|\n");
        for (StartupResult s : r.startup()) {
            if (s.error() != null) {
                md.append(f("| %s | `%s` | | | not measured: %s |\n", s.program(), s.command(), s.error()));
            } else {
                md.append(f(
                        "| %s | `%s` | %s | %d ms | %s ms |\n",
                        s.program(),
                        s.command(),
                        s.until(),
                        s.medianMillis(),
                        String.join(
                                ", ", s.millis().stream().map(String::valueOf).toList())));
            }
        }
        md.append('\n');
    }

    @Override
    public List<ChartFile> charts(Results r) {
        return List.of();
    }
}
