package io.listlines.bench.scenario;

import io.listlines.bench.scenario.raw.RawPhase;
import java.util.Locale;

/** A part of the comparison that {@code --scenarios} can pick: each runs on its own servers. */
public enum Scenario {
    BURST,
    HELD,
    OFFERED,
    STARTUP,
    TLS,
    /** The raw-framing race: the article's Python servers beside our Java models ({@link RawPhase}). */
    RAW;

    /**
     * Its name on the command line and in results.json: {@code burst}, {@code held}, {@code offered}, {@code startup},
     * {@code tls}, {@code raw}.
     */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scenario named {@code name} (any case), or null. */
    public static Scenario named(String name) {
        for (Scenario s : values()) {
            if (s.toString().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        return null;
    }
}
