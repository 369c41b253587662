package io.listlines.bench.run;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Status;
import io.listlines.bench.model.YardstickResult;
import io.listlines.bench.proc.MinimalServer;
import io.listlines.bench.proc.ServerGroup;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.scenario.burst.BurstPhase;
import io.listlines.bench.scenario.held.HeldPhase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A server the models are measured against, not a model: in the burst phase it takes the same bursts
 * from the same generator in every round as the models, so that each model's server CPU per session
 * can be given as a multiple of its; in the held phase it holds the same levels. Two kinds: the minimal
 * C epoll server ({@link #cServer}), what the protocol alone costs, not warmed up for the bursts
 * (nothing in it compiles at run time), and bare Netty on a transport ({@link #bareNetty}), what Netty
 * alone costs, with netty-server's JVM options, warmed up as the models are (it JITs). One that cannot
 * run (no gcc, no jar) says why and runs nothing.
 */
public final class Yardstick {
    /** Starts one of its servers, whose output goes to the log file named. */
    @FunctionalInterface
    interface Starter {
        ServerProcess start(String logName) throws IOException;
    }

    private final Harness harness;
    /** Its transport, null for the C server (as {@link YardstickResult#transport()}). */
    private final String transport;
    /** How progress lines and problems name it: "the minimal C server", "bare Netty on epoll". */
    private final String what;
    /** Null if it cannot run ({@code problem} says why). */
    private final Starter starter;

    private final String problem;
    /** Whether its burst server serves the models' warm-up before the rounds. */
    private final boolean warmUp;

    private final Map<Integer, List<BurstResult>> rounds = new LinkedHashMap<>();
    private ServerProcess server;
    private String trouble;

    private Yardstick(Harness harness, String transport, String what, Starter starter, String problem, boolean warmUp) {
        this.harness = harness;
        this.transport = transport;
        this.what = what;
        this.starter = starter;
        this.problem = problem;
        this.warmUp = warmUp;
    }

    /** The minimal C server, compiled into {@code dir}; without gcc (or if it fails), one that says why. */
    static Yardstick cServer(Harness harness, Path dir) {
        String what = "the minimal C server";
        try {
            Path executable = MinimalServer.compile(dir);
            return new Yardstick(
                    harness,
                    null,
                    what,
                    logName -> MinimalServer.start(executable, harness.logs().resolve(logName)),
                    null,
                    false);
        } catch (IOException e) {
            return new Yardstick(harness, null, what, null, what + " was not run: " + e.getMessage(), false);
        }
    }

    /** Bare Netty on {@code transport}, from {@code jar} (if it is missing, one that says why). */
    static Yardstick bareNetty(Harness harness, String transport, Path jar, String missing) {
        String what = "bare Netty on " + transport;
        if (missing != null) {
            return new Yardstick(harness, transport, what, null, what + " was not run: " + missing, true);
        }
        return new Yardstick(
                harness, transport, what, logName -> harness.startBareNetty(jar, transport, logName), null, true);
    }

    /** Its name in progress lines, log files and tables ({@link YardstickResult#name()}). */
    public String name() {
        return YardstickResult.nameOf(transport);
    }

    /** Starts its burst server and warms it up as the models' are, if it has one; false (the reason kept) if it is not running. */
    public boolean start() {
        if (starter == null) {
            return false;
        }
        try {
            server = starter.start(name() + "-burst.log");
            harness.say("%s: %s, pid %d listening on 127.0.0.1:%d", name(), what, server.pid(), server.port());
        } catch (IOException e) {
            trouble = what + " did not start: " + e.getMessage();
            harness.say("%s: %s", name(), trouble);
            return false;
        }
        if (warmUp) {
            harness.warmUp(name(), server.port(), harness.plan().serverWarmupSessions(), 100, "burst");
        }
        return true;
    }

    /** The running server, or null: not started, or exited (the reason kept). */
    public ServerProcess running() {
        if (server != null && !server.isAlive() && trouble == null) {
            trouble = what + "'s process had exited: " + ServerProcess.tail(server.log());
        }
        return server != null && server.isAlive() ? server : null;
    }

    /** One round's burst at its concurrency. */
    public void add(BurstResult burst) {
        rounds.computeIfAbsent(burst.concurrency(), c -> new ArrayList<>()).add(burst);
    }

    public void stop() {
        if (server != null) {
            int status = server.stop();
            if (status != 0 && trouble == null) {
                trouble = what + "'s process ended with status " + status
                        + " when stopped (0 is a clean stop on SIGTERM)";
            }
        }
    }

    /** Its held levels, run by {@code phase} as a model's are (none if it cannot run). */
    public List<HeldResult> held(HeldPhase phase) {
        if (starter == null) {
            return List.of();
        }
        return phase.run(name(), logName -> ServerGroup.of(starter.start(logName)));
    }

    /** What it measured: its median round per concurrency; or why it did not run. */
    public YardstickResult result() {
        if (server == null) {
            return YardstickResult.notMeasured(transport, problem != null ? problem : trouble);
        }
        List<BurstResult> bursts =
                rounds.values().stream().map(BurstPhase::median).toList();
        boolean any = bursts.stream().anyMatch(BurstResult::endedWell);
        String note = trouble;
        if (note == null) {
            note = bursts.stream()
                    .filter(b -> !b.endedWell())
                    .map(b -> String.format(
                            Locale.ROOT,
                            "%s, its burst at concurrency %,d: %s%s",
                            what,
                            b.concurrency(),
                            b.run().status(),
                            b.run().error() == null ? "" : ": " + b.run().error()))
                    .findFirst()
                    .orElse(null);
        }
        return new YardstickResult(
                transport, any ? Status.OK : Status.ERROR, note, server.command(), bursts, List.of());
    }

    /** A model's bursts, each with its server CPU per 1,000 sessions over the C server's at its concurrency. */
    public static List<BurstResult> withRatios(List<BurstResult> bursts, YardstickResult cServer) {
        return bursts.stream()
                .map(b -> b.withServerCpuRatioToCServer(cServer.cpuMultiple(b)))
                .toList();
    }
}
