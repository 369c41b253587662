package io.listlines.bench.scenario;

import io.listlines.bench.model.Results;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.scenario.burst.BurstScenario;
import io.listlines.bench.scenario.features.FeaturesScenario;
import io.listlines.bench.scenario.held.HeldScenario;
import io.listlines.bench.scenario.offered.OfferedScenario;
import io.listlines.bench.scenario.raw.RawScenario;
import io.listlines.bench.scenario.startup.StartupScenario;
import io.listlines.bench.scenario.tls.TlsScenario;
import java.util.List;

/**
 * Every scenario, in the order they run and their sections stand in results.md. A new scenario is
 * a line here and a package of its own ({@code scenario.NAME}).
 */
public final class Scenarios {
    public static final List<Scenario> ALL = List.of(
            new BurstScenario(),
            new HeldScenario(),
            new OfferedScenario(),
            new StartupScenario(),
            new TlsScenario(),
            new RawScenario(),
            new FeaturesScenario());

    private Scenarios() {}

    /** The scenario named {@code name} (any case), or null. */
    public static Scenario named(String name) {
        return ALL.stream()
                .filter(s -> s.name().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElse(null);
    }

    /** The charts {@code results} have: every scenario's, in report order. The one list the report links and draws. */
    public static List<ChartFile> charts(Results results) {
        return ALL.stream().flatMap(s -> s.charts(results).stream()).toList();
    }
}
