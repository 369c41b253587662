package io.listlines.bench.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two plans a run can have, side by side, setting by setting: the full run (the figures)
 * and the quick one ({@code --quick}: a smoke test of the same steps, for CI). This is the one place
 * that says what "quick" changes; a {@link Plan} says which it is ({@link Plan#quick()}), and
 * {@link #of(boolean)} gives the rest.
 */
public enum Profile {
    FULL,
    QUICK;

    /** A setting by its name in {@link Plan} (and results.json's settings), with its value in each profile. */
    private record Setting(String name, Object full, Object quick) {}

    /** Every setting of {@link Plan} but {@code quick}; what each means is on {@link Plan}. */
    private static final List<Setting> PLAN = List.of(
            new Setting("burstSessions", 50_000, 1000),
            new Setting("burstConcurrency", List.of(100, 1000), List.of(100, 1000)),
            new Setting("burstWarmupSeconds", 10, 0),
            new Setting("burstRounds", 3, 1),
            new Setting("burstLimitSeconds", 300, 60),
            new Setting("serverWarmupSessions", 50_000, 200),
            new Setting("heldWarmupSessions", 20_000, 200),
            new Setting("heldLevels", List.of(1000, 5000, 10_000, 19_000), List.of(1000)),
            // ten lines in about a second in the quick run, so a level takes seconds, not half a minute
            new Setting("thinkMillis", 1000, 100),
            new Setting("holdSeconds", 10, 1),
            new Setting("clientTimeoutSeconds", 10, 3),
            new Setting("serverIdleTimeoutSeconds", 30, 30),
            new Setting("freshServerPerHeldLevel", true, false),
            new Setting("pauseMillis", 1000, 100),
            new Setting(
                    "offeredRates", List.of(1000, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000), List.of(200, 400)),
            new Setting("offeredSeconds", 10, 2),
            new Setting("offeredWarmupSeconds", 5, 0),
            new Setting("offeredConcurrency", 1000, 100),
            new Setting("heldRamp", true, false),
            new Setting("processes", 1, 1));

    /**
     * The raw race's ({@link RawPlan}): full, 5,000 sessions a burst, not the framed 50,000 (the article's
     * servers are Python with a backlog of 5); quick, a few seconds a server, one Java model, concurrency 20,
     * which the article's backlog of 5 mostly takes without dropped connections (retried after 1 s, they
     * would time the burst), and a level of 10, more than a pool of two serves.
     */
    private static final List<Setting> RAW = List.of(
            new Setting("burstSessions", 5_000, 200),
            new Setting("burstConcurrency", 100, 20),
            new Setting("serverWarmupSessions", 1_000, 0),
            new Setting("heldLevels", List.of(100, 1000, 5000), List.of(10)),
            new Setting("everyJavaModel", true, false));

    /**
     * The TLS scenario's: every model over TLS and the reference Netty one with each provider, or only the
     * reference with OpenSSL (what its {@code auto} picks here); all the plan's held levels, or its first.
     */
    private static final List<Setting> TLS =
            List.of(new Setting("everyVariant", true, false), new Setting("allHeldLevels", true, false));

    /**
     * The yardsticks': bare Netty on every transport of the run's Netty models, or on the reference
     * model's only (one JVM more in the quick run's bursts and held level, not three).
     */
    private static final List<Setting> YARDSTICKS = List.of(new Setting("bareNettyEveryTransport", true, false));

    /** The start-up scenario's measured runs of each program (the class-data cache is made first either way). */
    private static final List<Setting> STARTUP = List.of(new Setting("runs", 5, 1));

    /**
     * The features scenario's: its rounds (each runs every variant once), and whether it runs every
     * feature alone and all of them together, or (quick) the default and all of them together only, which
     * still starts a server with every flag and serves a burst through each.
     */
    private static final List<Setting> FEATURES =
            List.of(new Setting("rounds", 5, 1), new Setting("everyVariant", true, false));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The profile of a plan or of results that say whether they are quick. */
    public static Profile of(boolean quick) {
        return quick ? QUICK : FULL;
    }

    public Plan plan() {
        Map<String, Object> values = values(PLAN);
        values.put("quick", this == QUICK);
        return MAPPER.convertValue(values, Plan.class);
    }

    public RawPlan rawPlan() {
        return MAPPER.convertValue(values(RAW), RawPlan.class);
    }

    /** Whether the TLS scenario runs every variant ({@code true}) or the reference with OpenSSL only. */
    public boolean tlsEveryVariant() {
        return (Boolean) values(TLS).get("everyVariant");
    }

    /** Whether the TLS scenario holds all the plan's levels ({@code true}) or its first only. */
    public boolean tlsAllHeldLevels() {
        return (Boolean) values(TLS).get("allHeldLevels");
    }

    /** Whether bare Netty runs on every transport of the run's Netty models ({@code true}) or the reference's only. */
    public boolean bareNettyEveryTransport() {
        return (Boolean) values(YARDSTICKS).get("bareNettyEveryTransport");
    }

    /** Measured runs of each program in the start-up scenario. */
    public int startupRuns() {
        return (Integer) values(STARTUP).get("runs");
    }

    /** Rounds of the features scenario. */
    public int featuresRounds() {
        return (Integer) values(FEATURES).get("rounds");
    }

    /** Whether the features scenario runs every feature alone ({@code true}) or the default and all of them only. */
    public boolean featuresEveryVariant() {
        return (Boolean) values(FEATURES).get("everyVariant");
    }

    private Map<String, Object> values(List<Setting> settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        settings.forEach(s -> values.put(s.name(), this == FULL ? s.full() : s.quick()));
        return values;
    }
}
