package io.listlines.bench.analysis;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Status;
import io.listlines.bench.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain sentences about what the numbers mean: the waiting room, levels not held, steps that failed. */
public final class Notes {
    private Notes() {}

    public static List<String> explain(Results results, Plan plan) {
        List<String> notes = new ArrayList<>();
        if (plan.quick()) {
            notes.add(String.format(
                    Locale.ROOT,
                    "Quick run: %,d sessions per burst with no generator warm-up, held levels %s with "
                            + "%d ms of think time (sessions of about %.0f s, not ten) and a %d s client timeout, one round of "
                            + "bursts, one server process per model for all its held levels. It checks that every scenario runs and reports; its numbers are "
                            + "not a measurement.",
                    plan.burstSessions(),
                    levels(plan.heldLevels()),
                    plan.thinkMillis(),
                    plan.sessionSeconds(),
                    plan.clientTimeoutSeconds()));
        }
        if (!plan.quick() && !results.models().stream().allMatch(m -> m.held().isEmpty())) {
            notes.add(
                    "RSS per connection counts every page the server process touched above its idle state, not only what "
                            + "each connection keeps: on the JVM that includes the heap the garbage collector grows into while "
                            + "sessions start and end (every held client's session ends and a new one starts each ~10 s), which it "
                            + "does not hand back at once. Hence the launchers' serial collector with a small young generation, and "
                            + "the Netty server's heap cap (bin/jvm/*.options); `--server-java-options` tries others for every "
                            + "model alike (with the JVM's defaults, Netty's figure at 19,000 was about 7 KB here).");
        }
        int cores = Math.max(1, results.machine().cores());
        for (ModelResult model : results.modelsRun()) {
            for (BurstResult b : model.burst()) {
                disturbed(notes, step(model, b), b.run(), cores);
            }
            for (HeldResult h : model.held()) {
                disturbed(notes, step(model, h), h.run(), cores);
            }
        }
        for (ModelResult model : results.models()) {
            if (!model.available()) {
                notes.add(model.name() + " was not run: " + model.unavailableReason() + ".");
                continue;
            }
            for (BurstResult b : model.burst()) {
                if (!b.endedWell()) {
                    notes.add(
                            endedBadly(step(model, b), b.run().status(), b.run().error()));
                } else if (b.run().failed() > 0) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s, burst at concurrency %,d: %,d sessions failed (%s).",
                            model.name(),
                            b.concurrency(),
                            b.run().failed(),
                            causes(b.run().failures())));
                }
                if (b.roundsFailed().size() > 1 && b.roundsFailed().stream().anyMatch(n -> n > 0)) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s, burst at concurrency %,d: failed sessions round by round: %s.",
                            model.name(),
                            b.concurrency(),
                            b.roundsFailed().stream()
                                    .map(n -> String.format(Locale.ROOT, "%,d", n))
                                    .collect(Collectors.joining(", "))));
                }
            }
            long fileLimit = results.machine().openFileLimitSoft();
            int processes = results.settings().plan().processes();
            for (HeldResult h : model.held()) {
                // a group's open files are summed: the busiest process holds at least their average
                if (fileLimit > 0 && h.peakFds() / processes >= fileLimit - 16) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s, held %,d: the server process reached its own open-file limit "
                                    + "(%,d files open of %,d): connections whose clients had given up were still open in it, "
                                    + "and new ones could not be accepted.",
                            model.name(),
                            h.level(),
                            h.peakFds(),
                            fileLimit));
                }
                boolean pool = model.name().startsWith("pool-");
                if (!h.endedWell()) {
                    notes.add(
                            endedBadly(step(model, h), h.run().status(), h.run().error()));
                }
                if (pool && (h.run().failed() > 0 || h.run().completed() < h.peakOpen())) {
                    ServerModel spec = ServerModel.named(model.name());
                    int threads = spec == null ? 0 : spec.poolThreads();
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s, held %,d: the doctor's waiting room. %,d connections were open at "
                                    + "the peak (the server had accepted %,d), but only %d threads serve them, each busy for a "
                                    + "whole slow session (about %.0f s); everyone else waits in the queue without even "
                                    + "receiving the list. %,d sessions completed, %,d failed (%s): a client gives up after "
                                    + "%d s of waiting.",
                            model.name(),
                            h.level(),
                            h.peakOpen(),
                            h.serverConnectionsPeak(),
                            threads,
                            plan.sessionSeconds(),
                            h.run().completed(),
                            h.run().failed(),
                            causes(h.run().failures()),
                            plan.clientTimeoutSeconds()));
                } else if (h.endedWell() && !h.heldAll()) {
                    notes.add(String.format(
                            Locale.ROOT,
                            "%s did not hold %,d: %,d connections open at the peak, %,d sessions "
                                    + "failed (%s), peak threads %,d.",
                            model.name(),
                            h.level(),
                            h.peakOpen(),
                            h.run().failed(),
                            causes(h.run().failures()),
                            h.run().peakThreads()));
                }
            }
        }
        return notes;
    }

    /** How the notes name a model's burst: "netty-epoll, burst at concurrency 1,000". */
    private static String step(ModelResult model, BurstResult b) {
        return String.format(Locale.ROOT, "%s, burst at concurrency %,d", model.name(), b.concurrency());
    }

    /** How the notes name a model's held level: "virtual, held 19,000". */
    private static String step(ModelResult model, HeldResult h) {
        return String.format(Locale.ROOT, "%s, held %,d", model.name(), h.level());
    }

    /** A step whose generator run did not end well: its status and, when there is one, the error. */
    private static String endedBadly(String step, Status status, String error) {
        return step + ": " + status + (error == null ? "" : ": " + error) + ".";
    }

    /** A scenario during which other processes took more than a tenth of the machine. */
    private static void disturbed(List<String> notes, String what, Run run, int cores) {
        double other = run.otherCpuSeconds();
        double wall = run.wallSeconds();
        if (wall > 0 && other > 0.1 * wall * cores) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%s: other processes on the machine (the bench's own JVM included) used %.1f "
                            + "CPU-seconds during its %.1f s (%.0f%% of the %d cores; load average before: %s): its numbers are "
                            + "disturbed.",
                    what,
                    other,
                    wall,
                    100 * other / (wall * cores),
                    cores,
                    run.loadAverageBefore()));
        }
    }

    public static String causes(Map<String, Long> failures) {
        String text = failures.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "no cause recorded" : text;
    }

    public static String levels(List<Integer> levels) {
        return levels.stream().map(l -> String.format(Locale.ROOT, "%,d", l)).collect(Collectors.joining(", "));
    }
}
