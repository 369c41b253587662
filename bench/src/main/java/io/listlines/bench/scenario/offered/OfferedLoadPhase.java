package io.listlines.bench.scenario.offered;

import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.LoadArgs;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.Harness;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency against offered load: one model's server, warmed up, then open-loop runs of the load
 * generator ({@code --rate}: sessions start on schedule whether or not earlier ones ended, latency
 * counted from each scheduled start, so a server that falls behind is charged for the wait) at each
 * rate of the plan's ladder, up to the first rate it cannot keep up with. That rate is the knee of
 * its curve, and the last point: above it, the queue only grows.
 */
public final class OfferedLoadPhase {
    private final Harness harness;
    private final Plan plan;

    public OfferedLoadPhase(Harness harness) {
        this.harness = harness;
        this.plan = harness.plan();
    }

    /** {@code model}'s points, one per rate up to and including the first it did not keep up with; its server is stopped. */
    public List<RateResult> run(ServerModel model) {
        List<RateResult> points = new ArrayList<>();
        ServerProcess server;
        try {
            server = harness.start(model, model.name() + "-server-offered.log");
        } catch (IOException e) {
            harness.note(model.name() + ", offered load: the server did not start: " + e.getMessage() + ".");
            return points;
        }
        try {
            harness.warmUp(model.name(), server.port(), plan.serverWarmupSessions(), 100, "offered");
            for (int rate : plan.offeredRates()) {
                if (!server.isAlive()) {
                    points.add(RateResult.of(
                            rate,
                            Run.serverDown(
                                    "the server process had exited: " + ServerProcess.tail(server.log()),
                                    ProcSampler.loadAverage())));
                    break;
                }
                RateResult point = point(model, server, rate);
                points.add(point);
                if (point.saturated()) {
                    break;
                }
            }
        } finally {
            harness.stop(model.name(), server);
        }
        return List.copyOf(points);
    }

    private RateResult point(ServerModel model, ServerProcess server, int rate) {
        List<String> args = LoadArgs.against(LoadArgs.target(server.port()))
                .rate(rate)
                .sessions(0)
                .duration(plan.offeredWarmupSeconds() + plan.offeredSeconds()) // the generator's includes its warm-up
                .warmup(plan.offeredWarmupSeconds())
                .concurrency(plan.offeredConcurrency())
                .timeout(plan.clientTimeoutSeconds())
                .toList();
        Duration limit = Duration.ofSeconds(
                plan.offeredWarmupSeconds() + plan.offeredSeconds() + 3L * plan.clientTimeoutSeconds() + 50);
        Run run = harness.runSampled(server, args, limit, model.name() + "-offered-" + rate)
                .toRun();
        RateResult point = RateResult.of(rate, run);
        harness.say(
                "%s: offered %,d sessions/s: %,.0f completed a second, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, %,d failed%s",
                model.name(),
                rate,
                point.sessionsPerSecond(),
                point.latencyP50Millis(),
                point.latencyP99Millis(),
                point.latencyP999Millis(),
                run.failed(),
                point.saturated() ? " (saturated: the last rate for this model)" : "");
        harness.pause();
        return point;
    }
}
