package io.listlines.bench.scenario.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One variant of the features scenario: the reference Netty server as the bench runs it, with what this
 * variant turns on. Each limit is set far above the burst's 100 connections, so it is checked on every
 * connection and never refuses one: its cost is the check's.
 *
 * @param name           its row in results.md
 * @param quiet          the model's {@code --quiet} kept (false: every session logged, as without it)
 * @param serverFlags    flags after the model's own
 * @param generatorFlags the load generator's flags of its own (the PROXY header), in the warm-up and the bursts
 * @param scraped        its {@code /metrics} fetched once a second during each burst, as Prometheus would
 */
public record Feature(
        String name, boolean quiet, List<String> serverFlags, List<String> generatorFlags, boolean scraped) {

    /** Where the per-address limit is set: ten times the burst's connections from its one address. */
    static final int PER_ADDRESS_LIMIT = 1_000;

    /** Where the limit on connections open at once is set: a hundred times the burst's. */
    static final int MAX_CONNECTIONS = 10_000;

    static final Feature DEFAULT = new Feature("default", true, List.of(), List.of(), false);
    static final Feature SESSION_LOG = new Feature("session log", false, List.of(), List.of(), false);
    static final Feature METRICS = new Feature("metrics", true, List.of("--metrics-port", "0"), List.of(), true);
    static final Feature PER_ADDRESS = new Feature(
            "per-address limit",
            true,
            List.of("--max-connections-per-address", Integer.toString(PER_ADDRESS_LIMIT)),
            List.of(),
            false);
    static final Feature MAX_OPEN = new Feature(
            "max connections", true, List.of("--max-connections", Integer.toString(MAX_CONNECTIONS)), List.of(), false);
    static final Feature PROXY = new Feature(
            "PROXY v2",
            true,
            List.of("--proxy-protocol", "--proxy-trusted", "127.0.0.0/8"),
            List.of("--proxy-protocol", "v2"),
            false);

    /** Each feature alone, after the default they are priced against. */
    static final List<Feature> EACH = List.of(DEFAULT, SESSION_LOG, METRICS, PER_ADDRESS, MAX_OPEN, PROXY);

    /** Every feature of {@link #EACH} on at once. */
    static final Feature ALL = together("all of them", EACH);

    public Feature {
        serverFlags = List.copyOf(serverFlags);
        generatorFlags = List.copyOf(generatorFlags);
    }

    /** The variants a run measures: every feature alone and all of them, or (quick) the default and all of them. */
    static List<Feature> variants(boolean everyVariant) {
        return everyVariant ? Stream.concat(EACH.stream(), Stream.of(ALL)).toList() : List.of(DEFAULT, ALL);
    }

    /** The features on at once, under {@code name}. */
    static Feature together(String name, List<Feature> features) {
        List<String> server = new ArrayList<>();
        List<String> generator = new ArrayList<>();
        features.forEach(f -> {
            server.addAll(f.serverFlags());
            generator.addAll(f.generatorFlags());
        });
        return new Feature(
                name,
                features.stream().allMatch(Feature::quiet),
                server,
                generator,
                features.stream().anyMatch(Feature::scraped));
    }

    /** Its name in file names: {@code per-address-limit}. */
    String slug() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** What it changes, as results.md says it. */
    String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(quiet ? "`--quiet`" : "without `--quiet`");
        if (!serverFlags.isEmpty()) {
            parts.add("`" + String.join(" ", serverFlags) + "`");
        }
        if (!generatorFlags.isEmpty()) {
            parts.add("generator `" + String.join(" ", generatorFlags) + "`");
        }
        if (scraped) {
            parts.add("`/metrics` fetched once a second");
        }
        return String.join(", ", parts);
    }
}
