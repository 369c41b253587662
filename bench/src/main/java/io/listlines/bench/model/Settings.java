package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.listlines.bench.plan.Plan;
import java.util.List;

/** What the run was asked to do: its plan, and where and with what it ran. */
public record Settings(
        @JsonUnwrapped Plan plan,
        String warmUpClient,
        List<String> scenarios,
        List<String> modelsAsked,
        String java,
        List<String> serverJavaOptions,
        /** The load generator's JVM options (its launcher's); null in results written before they were recorded. */
        List<String> generatorJavaOptions,
        String projectRoot,
        String outputDirectory) {}
