package io.listlines.bench.run;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CServerResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Status;
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
 * The minimal C epoll server ({@link MinimalServer}) in the burst phase: a server beside the models'
 * with the same bursts from the same generator in every round, so that each model's server
 * CPU-seconds per 1,000 sessions can be given as a multiple of what the protocol alone costs; and in
 * the held phase, as the floor of the models' memory. It is not warmed up for the bursts (nothing in
 * it compiles at run time). Without gcc it says why and nothing is run.
 */
public final class CServerYardstick {
    /** Its name in progress lines and log files. */
    public static final String NAME = "c-server";

    private final Harness harness;
    private final Path executable;
    private final String problem;
    private final Map<Integer, List<BurstResult>> rounds = new LinkedHashMap<>();
    private ServerProcess server;
    private String trouble;

    private CServerYardstick(Harness harness, Path executable, String problem) {
        this.harness = harness;
        this.executable = executable;
        this.problem = problem;
    }

    /** Compiles the C server into {@code dir}; without gcc (or if it fails), a yardstick that says why. */
    public static CServerYardstick prepare(Harness harness, Path dir) {
        try {
            return new CServerYardstick(harness, MinimalServer.compile(dir), null);
        } catch (IOException e) {
            return new CServerYardstick(harness, null, "the minimal C server was not run: " + e.getMessage());
        }
    }

    /** Starts the server, if it was compiled; false (and the reason kept) if it is not running. */
    public boolean start() {
        if (executable == null) {
            return false;
        }
        try {
            server = MinimalServer.start(executable, harness.logs().resolve(NAME + "-burst.log"));
            harness.say("%s: minimal C server pid %d listening on 127.0.0.1:%d", NAME, server.pid(), server.port());
            return true;
        } catch (IOException e) {
            trouble = "the minimal C server did not start: " + e.getMessage();
            harness.say("%s: %s", NAME, trouble);
            return false;
        }
    }

    /** The running server, or null: not compiled, not started, or exited (the reason kept). */
    public ServerProcess running() {
        if (server != null && !server.isAlive() && trouble == null) {
            trouble = "the minimal C server's process had exited: " + ServerProcess.tail(server.log());
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
                trouble = "the minimal C server's process ended with status " + status
                        + " when stopped (0 is a clean stop on SIGTERM)";
            }
        }
    }

    /** Its held levels, run by {@code phase} as a model's are (none if it was not compiled). */
    public List<HeldResult> held(HeldPhase phase) {
        if (executable == null) {
            return List.of();
        }
        return phase.run(
                NAME,
                logName -> ServerGroup.of(
                        MinimalServer.start(executable, harness.logs().resolve(logName))));
    }

    /** What it measured: its median round per concurrency; or why it did not run. */
    public CServerResult result() {
        if (server == null) {
            return CServerResult.notMeasured(problem != null ? problem : trouble);
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
                            "its burst at concurrency %,d: %s%s",
                            b.concurrency(),
                            b.run().status(),
                            b.run().error() == null ? "" : ": " + b.run().error()))
                    .findFirst()
                    .orElse(null);
        }
        return new CServerResult(any ? Status.OK : Status.ERROR, note, server.command(), bursts, List.of());
    }

    /** A model's bursts, each with its server CPU per 1,000 sessions over the C server's at its concurrency. */
    public static List<BurstResult> withRatios(List<BurstResult> bursts, CServerResult cServer) {
        return bursts.stream()
                .map(b -> b.withServerCpuRatioToCServer(ratio(b, cServer)))
                .toList();
    }

    /** The model's server CPU per 1,000 sessions over the C server's; 0 if either is missing. */
    public static double ratio(BurstResult model, CServerResult cServer) {
        if (!model.endedWell() || model.serverCpuSecondsPer1000Sessions() <= 0) {
            return 0;
        }
        return cServer.measuredBurst(model.concurrency())
                .map(c -> Run.round3(model.serverCpuSecondsPer1000Sessions() / c.serverCpuSecondsPer1000Sessions()))
                .orElse(0.0);
    }
}
