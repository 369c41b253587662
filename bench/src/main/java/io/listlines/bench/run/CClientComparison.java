package io.listlines.bench.run;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CClientRun;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Status;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.MinimalClient;
import io.listlines.bench.proc.ServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The load generator held against the minimal C client: in every burst round the C client runs the
 * reference model's sessions at concurrency 100 just before and just after the generator's burst
 * there, against the same server, and the generator's median round is compared with the median of
 * those runs. Without gcc (or with {@code --no-c-client}) it says why and nothing is measured.
 */
public final class CClientComparison {
    private final Harness harness;
    private final Plan plan;
    private final ServerModel reference;
    private final Path executable;
    private final String problem;
    private final List<CClientRun> runs = new ArrayList<>();

    private CClientComparison(Harness harness, ServerModel reference, Path executable, String problem) {
        this.harness = harness;
        this.plan = harness.plan();
        this.reference = reference;
        this.executable = executable;
        this.problem = problem;
    }

    /** Compiles the C client into {@code dir} if {@code wanted}; {@code reference} is the model it runs against (null: none). */
    public static CClientComparison prepare(Harness harness, boolean wanted, Path dir, ServerModel reference) {
        if (!wanted) {
            return new CClientComparison(harness, reference, null, "the minimal C client was not run (--no-c-client)");
        }
        try {
            Path executable = MinimalClient.compile(dir);
            return new CClientComparison(
                    harness,
                    reference,
                    executable,
                    reference != null
                            ? null
                            : "the load generator was not compared with the minimal C client: no Netty model in this run");
        } catch (IOException e) {
            return new CClientComparison(
                    harness, reference, null, "the minimal C client was not run: " + e.getMessage());
        }
    }

    /** The compiled C client, which also runs the warm-ups (it starts in a millisecond, a JVM in a second); null without one. */
    public Path executable() {
        return executable;
    }

    /** Why the comparison was not made (no gcc, no Netty model, --no-c-client), or null. */
    public String problem() {
        return problem;
    }

    /** Whether the generator's burst of {@code model} at {@code concurrency} is bracketed by C runs. */
    public boolean brackets(ServerModel model, int concurrency) {
        return executable != null && model.equals(reference) && concurrency == 100;
    }

    /** One run of the C client against {@code server}: the reference model's burst sessions at concurrency 100. */
    public void run(ServerModel model, ServerProcess server) {
        int n = runs.size() + 1;
        Duration limit = Duration.ofSeconds(plan.burstLimitSeconds() + 3L * plan.clientTimeoutSeconds() + 30);
        CClientRun c = MinimalClient.run(
                executable,
                server.port(),
                plan.burstSessions(),
                100,
                plan.clientTimeoutSeconds(),
                limit,
                harness.logs().resolve(model.name() + "-c-client-" + n + ".log"));
        harness.say(
                "%s: minimal C client, c=100: %,.0f sessions/s, %,d failed%s",
                model.name(), c.sessionsPerSecond(), c.failed(), c.error() == null ? "" : " [" + c.error() + "]");
        harness.pause();
        runs.add(c);
    }

    /**
     * The generator's burst at 100 ({@code generator}: its median round, null if none) against the
     * median of the C client's runs around it; not measured, with the reason, if the C client never ran.
     */
    public GeneratorVsC result(BurstResult generator) {
        String model = reference == null ? null : reference.name();
        if (runs.isEmpty()) {
            return GeneratorVsC.notMeasured(problem, model, plan.burstSessions());
        }
        List<CClientRun> good = runs.stream()
                .filter(r -> r.completed() > 0 && r.sessionsPerSecond() > 0)
                .toList();
        double c =
                median(good.stream().mapToDouble(CClientRun::sessionsPerSecond).toArray());
        double generatorRate = generator == null || !generator.endedWell() ? 0 : generator.sessionsPerSecond();
        double ratio = c > 0 ? Run.round3(generatorRate / c) : 0;
        String note = runs.stream()
                .map(CClientRun::error)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(generatorRate <= 0 ? "the load generator's burst at concurrency 100 did not finish" : null);
        Status status = c > 0 && generatorRate > 0 ? Status.OK : good.isEmpty() ? Status.ERROR : Status.NO_SESSIONS;
        harness.say(
                "%s: load generator %,.0f sessions/s against the C client's %,.0f (median of %d runs): %.0f%%",
                model, generatorRate, c, good.size(), ratio * 100);
        return new GeneratorVsC(
                status, note, model, plan.burstSessions(), 100, generatorRate, Run.round3(c), ratio, List.copyOf(runs));
    }

    public static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
