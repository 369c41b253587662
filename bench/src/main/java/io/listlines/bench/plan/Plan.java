package io.listlines.bench.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run does to every model (results.json's {@code settings}, beside what else the run was given), by
 * name: {@link Profile} has the full plan (the issue's) and the quick one (a smoke test of the same steps,
 * small enough for CI) side by side.
 *
 * @param burstSessions            sessions per burst
 * @param burstConcurrency         the burst concurrencies
 * @param burstWarmupSeconds       the generator's own warm-up inside each burst (run, not counted): on two
 *                                 shared cores its JIT compiles for about 8 s, at half speed meanwhile
 * @param burstRounds              rounds of the bursts: each round runs every model once at each concurrency,
 *                                 all servers up at once, so a drift in the machine's speed (it is shared)
 *                                 falls on every model alike; a model's figure is its median round
 * @param burstLimitSeconds        the generator stops starting sessions after this (a bound, not a target)
 * @param serverWarmupSessions     sessions run against a fresh server before the bursts, not measured: enough
 *                                 that the C client's first run meets a compiled server (after 20,000 it
 *                                 still ran at two thirds of its later rate)
 * @param heldWarmupSessions       sessions run against a fresh server before its idle baseline: enough (in
 *                                 the full plan) that its code is compiled and its young generation in use,
 *                                 so the baseline is a warmed-up server's and a level's growth is the
 *                                 connections' own
 * @param heldLevels               slow clients to hold at once
 * @param thinkMillis              the slow client's pause before each of its ten lines
 * @param holdSeconds              how long the level is held once the ramp is done
 * @param clientTimeoutSeconds     the generator's --timeout (connect, wait for the server)
 * @param serverIdleTimeoutSeconds the servers' --idle-timeout, above the think time
 * @param freshServerPerHeldLevel  a new server process (and idle baseline) for each held level
 * @param pauseMillis              quiet time after a warm-up, before the baseline or the next step
 * @param offeredRates             the open-loop rates (new sessions a second) of the latency-against-load
 *                                 runs, in rising order: a model runs them up to the first it cannot keep up with
 * @param offeredSeconds           how long each rate is offered, counted
 * @param offeredWarmupSeconds     the generator's warm-up at each rate, not counted (its JIT, as for the bursts)
 * @param offeredConcurrency       sessions in flight at most during those runs: a saturated server's queue
 *                                 stops there (the latency still counts from each session's scheduled start)
 * @param heldRamp                 open a held level's connections over one session's length (--rate),
 *                                 rather than all at once
 * @param processes                server processes of the model that hold each level together, on one port
 *                                 with --reuse-port, each loaded by a generator of its own (1: one of each);
 *                                 0 in a results.json written before there was a choice, read as 1
 */
public record Plan(
        boolean quick,
        long burstSessions,
        List<Integer> burstConcurrency,
        int burstWarmupSeconds,
        int burstRounds,
        int burstLimitSeconds,
        long serverWarmupSessions,
        long heldWarmupSessions,
        List<Integer> heldLevels,
        int thinkMillis,
        int holdSeconds,
        int clientTimeoutSeconds,
        int serverIdleTimeoutSeconds,
        boolean freshServerPerHeldLevel,
        long pauseMillis,
        List<Integer> offeredRates,
        int offeredSeconds,
        int offeredWarmupSeconds,
        int offeredConcurrency,
        boolean heldRamp,
        int processes) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Plan {
        processes = Math.max(1, processes);
    }
    /** The full run's plan ({@link Profile#FULL}). */
    public static Plan fullRun() {
        return Profile.FULL.plan();
    }

    /** The quick run's plan ({@link Profile#QUICK}). */
    public static Plan quickRun() {
        return Profile.QUICK.plan();
    }

    /** The profile this plan was made from. */
    public Profile profile() {
        return Profile.of(quick);
    }

    /**
     * This plan with the command line's overrides, each null where not given: burst sessions, held
     * levels, think time (a longer one raises the server's idle timeout to three pauses and a second)
     * and hold seconds.
     */
    public Plan with(Long sessions, List<Integer> levels, Integer think, Integer hold) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (sessions != null) {
            changes.put("burstSessions", sessions);
        }
        if (levels != null) {
            changes.put("heldLevels", levels);
        }
        if (think != null) {
            changes.put("thinkMillis", think);
            changes.put("serverIdleTimeoutSeconds", Math.max(serverIdleTimeoutSeconds, think / 1000 * 3 + 1));
        }
        if (hold != null) {
            changes.put("holdSeconds", hold);
        }
        return with(changes);
    }

    /** This plan with its held levels on {@code n} server processes (and generators) at once. */
    public Plan withProcesses(int n) {
        return with(Map.of("processes", n));
    }

    /** This plan with the settings named in {@code changes} (by their names here) set to their values. */
    private Plan with(Map<String, Object> changes) {
        Map<String, Object> values = MAPPER.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {});
        values.putAll(changes);
        return MAPPER.convertValue(values, Plan.class);
    }

    /** A slow client's session: ten pauses of the think time. */
    public double sessionSeconds() {
        return 10 * thinkMillis / 1000.0;
    }

    /** The ramp to a level: one session's length, so that the first sessions end as the last start; 0 without a ramp. */
    public int rampSeconds() {
        return heldRamp ? (int) Math.max(1, Math.ceil(sessionSeconds())) : 0;
    }

    /**
     * New sessions per second while holding {@code level}: the level over a session's length, plus 5%;
     * 0 (a closed loop: all at once, then a new session as soon as one ends) without a ramp.
     */
    public double heldRate(int level) {
        return heldRamp ? Math.ceil(level / Math.max(0.1, sessionSeconds()) * 1.05) : 0;
    }

    public int heldDurationSeconds() {
        return rampSeconds() + holdSeconds;
    }
}
