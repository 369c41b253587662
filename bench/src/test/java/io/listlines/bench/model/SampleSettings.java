package io.listlines.bench.model;

import io.listlines.bench.plan.Plan;
import java.util.List;

/** The settings of a quick run with every field filled, for the tests that write results and read them back. */
public final class SampleSettings {
    public static final Settings QUICK = new Settings(
            Plan.quickRun(),
            "load generator",
            List.of("burst"),
            List.of(),
            "java",
            List.of(),
            List.of("-XX:+UseSerialGC"),
            "/r",
            "/o");

    private SampleSettings() {}
}
