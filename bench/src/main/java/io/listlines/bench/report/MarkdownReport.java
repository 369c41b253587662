package io.listlines.bench.report;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.analysis.ResultsSummary;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.Machine;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.Target;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.scenario.Scenario;
import io.listlines.bench.scenario.Scenarios;
import io.listlines.process.OpenFileLimit;
import java.util.List;
import java.util.stream.Collectors;

/** results.md: the machine first, then the tables, the targets and the notes. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(Results r) {
        StringBuilder md = new StringBuilder();
        Machine m = r.machine();
        Plan s = r.settings().plan();
        md.append("# listlines bench: event loops against threads\n\n");
        md.append(f(
                "%s run of %s, %.1f minutes.%s\n\n",
                r.quick() ? "A quick (`--quick`)" : "A full",
                r.generatedAt(),
                r.elapsedSeconds() / 60,
                r.quick() ? " A smoke test: see the notes before reading anything into the numbers." : ""));

        if (!r.phaseSeconds().isEmpty()) {
            md.append("Its parts took ")
                    .append(r.phaseSeconds().entrySet().stream()
                            .map(e -> e.getKey() + " " + duration(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }

        List<String> summary = ResultsSummary.sentences(r);
        if (!summary.isEmpty()) {
            md.append("## In short\n\n");
            summary.forEach(line -> md.append("- ").append(line).append('\n'));
            md.append(
                    "\nOn this machine (below), client and servers sharing its cores; the tables and notes have the rest.\n\n");
        }
        md.append("## The machine\n\n");
        md.append("| | |\n|---|---|\n");
        md.append(f("| cores | %d (%s) |\n", m.cores(), m.cpuModel()));
        md.append(f("| memory | %s |\n", Sizes.gib(m.memoryBytes())));
        md.append(f("| OS, kernel | %s, Linux %s |\n", m.os(), m.kernel()));
        md.append(f(
                "| JDK | %s (`%s`), for the bench, every server and the load generator |\n", m.jdk(), m.javaCommand()));
        md.append(f(
                "| open-file limit | %s per process (hard limit %s) |\n",
                count(m.openFileLimitSoft()), count(m.openFileLimitHard())));
        md.append(f("| Netty transports | %s |\n", String.join(", ", m.transports())));
        md.append(f(
                "| ephemeral ports | %s (%s per source and target address) |\n",
                m.ephemeralPortRange(), count(m.ephemeralPorts())));
        md.append(f("| somaxconn, pid_max | %s, %s |\n\n", m.somaxconn(), m.pidMax()));

        long ceiling = m.openFileLimitSoft() > 0 ? m.openFileLimitSoft() - OpenFileLimit.JVM_OVERHEAD : -1;
        md.append(f(
                "**Client and server share this machine.** Each server model runs in its own JVM, and the load generator "
                        + "(or the C client) in another process on the same %d cores, over loopback: every CPU-second the client "
                        + "spends is one the server does not get, so these numbers compare the models with each other on this "
                        + "machine; they are not what one of them would do with a machine to itself.\n\n",
                m.cores()));
        md.append(f(
                "**The open-file limit is a per-process ceiling.** Every connection is an open file in the server and "
                        + "another in the load generator, and each process may hold at most %s, so one process here can hold about "
                        + "%s connections (a JVM keeps some %d files of its own): %s held clients is as far as one server process "
                        + "and one generator process go here. Going further takes a higher limit (ulimit -n) or several processes "
                        + "of each, as `--processes N` runs them (%s).\n\n",
                count(m.openFileLimitSoft()),
                count(ceiling),
                OpenFileLimit.JVM_OVERHEAD,
                count(Targets.HELD_TARGET),
                r.settings().plan().processes() == 1
                        ? "not in this run"
                        : "this run: " + r.settings().plan().processes() + " of each"));
        md.append("\"Other CPU-s\" in the tables is the CPU time the rest of the machine used during the scenario: the "
                + "machine's busy time (/proc/stat) minus the server's and the load generator's. The bench's own JVM is a "
                + "small part of it; much more means that something else was running, and the note says so.\n\n");
        md.append(f(
                "Every server runs with per-line logging off (`--quiet`), `--grace 2`, `--idle-timeout %d` and %s; its "
                        + "memory (VmRSS), threads, open files and CPU time (utime + stime) are read from `/proc/PID` every %d ms "
                        + "while a scenario runs. The load generator runs %s and one event-loop thread per core.\n\n",
                s.serverIdleTimeoutSeconds(),
                "the JVM options its launcher ships (`bin/jvm/netty-server.options`, `bin/jvm/threaded-server.options`)"
                        + (r.settings().serverJavaOptions().isEmpty()
                                ? ""
                                : ", then `" + String.join(" ", r.settings().serverJavaOptions()) + "` for every model")
                        + " (each model's command line is in results.json)",
                ProcSampler.INTERVAL_MILLIS,
                r.settings().generatorJavaOptions() == null
                        ? "with the JVM's defaults"
                        : "with its launcher's JVM options (`bin/jvm/netty-client.options`: `"
                                + String.join(" ", r.settings().generatorJavaOptions()) + "`)"));

        for (Scenario scenario : Scenarios.ALL) {
            scenario.report(r, md);
        }
        if (r.hasBursts()) {
            generatorSection(md, r.generatorVsC()); // it runs beside the bursts
        }

        md.append("## Targets\n\n");
        md.append(
                "Reported, not enforced. \"Netty\" is the transport the server picks by itself (the best this machine has); "
                        + "the other transports are given beside it.\n\n");
        md.append("| target | result | numbers |\n|---|---|---|\n");
        for (Target t : r.targets()) {
            md.append(f("| %s | **%s** | %s |\n", t.name(), t.status(), t.detail()));
        }
        md.append('\n');

        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            for (String note : r.notes()) {
                md.append("- ").append(note).append('\n');
            }
            md.append('\n');
        }

        List<ChartFile> charts = Scenarios.charts(r);
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
        }
        for (ChartFile chart : charts) {
            md.append("![")
                    .append(chart.alt())
                    .append("](")
                    .append(chart.file())
                    .append(")\n\n");
        }
        md.append(
                "Everything above is in `results.json`, with the full report of each held run and of each burst's median "
                        + "round (every round's sessions/s and failures beside it) and the server's samples; each process's output, "
                        + "every round included, is in `logs/`.\n");
        return md.toString();
    }

    private static void generatorSection(StringBuilder md, GeneratorVsC g) {
        md.append("## The load generator against a minimal C client\n\n");
        if (g == null || !g.measured()) {
            md.append("Not measured: ")
                    .append(g == null || g.note() == null ? "the comparison did not run" : g.note())
                    .append(".\n\n");
            return;
        }
        String runs = g.cRuns().stream()
                .map(c -> count(Math.round(c.sessionsPerSecond()))
                        + (c.failed() > 0 ? " (" + count(c.failed()) + " failed)" : ""))
                .collect(Collectors.joining(", "));
        md.append(f(
                "Against %s, %s sessions at concurrency 100 from a single-threaded epoll client in C "
                        + "(`bench/src/main/c/minimal_client.c`, compiled with `gcc -O2`), run just before and just after the "
                        + "load generator's burst at the same concurrency in every round: %s sessions/s, **%s** the median. The "
                        + "load generator (its median round): **%s sessions/s**, that is **%.0f%%** of the C client.%s\n\n",
                g.model(),
                count(g.sessions()),
                runs,
                count(Math.round(g.cSessionsPerSecond())),
                count(Math.round(g.generatorSessionsPerSecond())),
                g.ratio() * 100,
                g.note() == null ? "" : " (" + g.note() + ")"));
    }

    /** Seconds as the report gives a part's time: seconds under two minutes, else minutes. */
    private static String duration(double seconds) {
        return seconds < 120 ? f("%.0f s", seconds) : f("%.1f minutes", seconds / 60);
    }
}
