package io.listlines.bench.report;

import io.listlines.bench.analysis.Notes;
import io.listlines.bench.analysis.ResultsSummary;
import io.listlines.bench.analysis.Targets;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.CServerResult;
import io.listlines.bench.model.GeneratorVsC;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Machine;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.RawResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.Sizes;
import io.listlines.bench.model.StartupResult;
import io.listlines.bench.model.Target;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.run.CServerYardstick;
import io.listlines.bench.scenario.held.HeldPhase;
import io.listlines.bench.scenario.raw.RawPhase;
import io.listlines.bench.scenario.startup.StartupPhase;
import io.listlines.bench.scenario.tls.TlsPhase;
import io.listlines.process.OpenFileLimit;
import io.listlines.report.LoadReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

        burstSection(md, r);
        cServerSection(md, r);
        heldSection(md, r);
        offeredSection(md, r);
        startupSection(md, r);
        tlsSection(md, r);
        rawSection(md, r);
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

        if (r.hasBursts() || r.hasHeld() || r.hasOffered() || !r.tlsRun().isEmpty()) {
            md.append("## Charts\n\n");
        }
        if (r.hasBursts()) {
            md.append("![Sessions per second by model](")
                    .append(Charts.SESSIONS_PER_SECOND)
                    .append(")\n\n");
        }
        if (r.hasHeld()) {
            md.append("![RSS per held connection by model and level](")
                    .append(Charts.RSS_PER_CONNECTION)
                    .append(")\n\n");
            md.append("![Server RSS against slow clients held](")
                    .append(Charts.MEMORY)
                    .append(")\n\n");
            md.append("![Server threads against slow clients held](")
                    .append(Charts.THREADS)
                    .append(")\n\n");
        }
        if (r.hasOffered()) {
            for (String chart : List.of(Charts.LATENCY_P50, Charts.LATENCY_P99, Charts.LATENCY_P999)) {
                md.append("![Session latency against offered load](")
                        .append(chart)
                        .append(")\n\n");
            }
        }
        if (!r.tlsRun().isEmpty()) {
            md.append("![Sessions per second over TLS and plaintext](")
                    .append(Charts.TLS_SESSIONS_PER_SECOND)
                    .append(")\n\n");
            if (r.tlsRun().stream().anyMatch(t -> !t.held().isEmpty())) {
                md.append("![RSS per held connection over TLS](")
                        .append(Charts.TLS_RSS_PER_CONNECTION)
                        .append(")\n\n");
            }
        }
        if (!r.raw().servers().isEmpty()) {
            md.append("![Raw framing: the article's Python servers and ours, sessions per second](")
                    .append(Charts.RAW_SESSIONS_PER_SECOND)
                    .append(")\n\n");
            md.append("![Raw framing: server RSS against slow clients held](")
                    .append(Charts.RAW_MEMORY)
                    .append(")\n\n");
            md.append("![Raw framing: server threads against slow clients held](")
                    .append(Charts.RAW_THREADS)
                    .append(")\n\n");
        }
        md.append(
                "Everything above is in `results.json`, with the full report of each held run and of each burst's median "
                        + "round (every round's sessions/s and failures beside it) and the server's samples; each process's output, "
                        + "every round included, is in `logs/`.\n");
        return md.toString();
    }

    private static void tlsSection(StringBuilder md, Results r) {
        if (r.tls().isEmpty()) {
            return;
        }
        md.append("## TLS: the same sessions over TLS\n\n");
        md.append(f(
                "Every server with `--tls-cert/--tls-key` (a self-signed RSA 2048 certificate made for the run by `openssl`, "
                        + "TLS 1.3), the load generator with `--tls --tls-ca` (the certificate trusted, the host checked): each "
                        + "session a full new handshake, no resumption. The Netty model the server picks runs twice, with "
                        + "OpenSSL (netty-tcnative's BoringSSL) and with the JDK's engine; the blocking models use the JDK's "
                        + "`SSLSocket`. Burst: %s sessions at concurrency 100 after a warm-up of %s over TLS; handshake is the "
                        + "generator's time from connected to handshake complete, session the whole session's. Held: as the "
                        + "plaintext held levels, each connection with a TLS engine of its own, but ramped in at %s new "
                        + "handshakes a second at most (a level's clients think longer where the plan's would ask more: "
                        + "the think column), so that a level measures holding and not handshake throughput.\n\n",
                count(TlsPhase.burstSessions(r.settings().plan())),
                count(Math.round(r.settings().plan().serverWarmupSessions() * TlsPhase.WARM_UP_SHARE)),
                count(TlsPhase.HELD_HANDSHAKES_PER_SECOND)));
        md.append(
                "| model | sessions/s | of plaintext | handshake p50 / p99 | session p50 / p99 | server CPU-s per 1,000 "
                        + "| of plaintext | failed | status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult m : r.tls()) {
            if (!m.available()) {
                md.append(f("| %s | | | | | | | | not run: %s |\n", m.name(), m.unavailableReason()));
                continue;
            }
            for (BurstResult b : m.burst()) {
                Optional<BurstResult> plain = r.plaintextOf(m)
                        .flatMap(p -> p.burst().stream()
                                .filter(x -> x.concurrency() == b.concurrency() && x.endedWell())
                                .findFirst());
                LoadReport.Latency handshake = b.run().generator() == null
                        ? null
                        : b.run().generator().latencyMillis().get(LoadReport.HANDSHAKE);
                md.append(f(
                        "| %s | %s | %s | %s | %.1f / %.1f ms | %.3f | %s | %s | %s |\n",
                        m.name(),
                        count(Math.round(b.sessionsPerSecond())),
                        plain.filter(p -> p.sessionsPerSecond() > 0)
                                .map(p -> f("%.0f%%", 100 * b.sessionsPerSecond() / p.sessionsPerSecond()))
                                .orElse(""),
                        handshake == null ? "" : f("%.1f / %.1f ms", handshake.p50(), handshake.p99()),
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        b.serverCpuSecondsPer1000Sessions(),
                        plain.filter(p -> p.serverCpuSecondsPer1000Sessions() > 0)
                                .map(p -> f(
                                        "%.1fx",
                                        b.serverCpuSecondsPer1000Sessions() / p.serverCpuSecondsPer1000Sessions()))
                                .orElse(""),
                        b.run().failed() == 0
                                ? "0"
                                : count(b.run().failed()) + " ("
                                        + Notes.causes(b.run().failures()) + ")",
                        b.run().status()));
            }
        }
        md.append('\n');
        if (r.tls().stream().anyMatch(m -> !m.held().isEmpty())) {
            md.append("| model | level | think | held (open at peak) | failed | RSS per connection | plaintext's "
                    + "| threads peak | status |\n");
            md.append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
            for (ModelResult m : r.tlsRun()) {
                for (HeldResult h : m.held()) {
                    Optional<HeldResult> plain = r.plaintextOf(m)
                            .flatMap(p -> p.held().stream()
                                    .filter(x -> x.level() == h.level() && x.heldAll())
                                    .findFirst());
                    md.append(f(
                            "| %s | %s | %s ms | %s | %s | %.1f KB | %s | %s | %s |\n",
                            m.name(),
                            count(h.level()),
                            count(h.thinkMillis()),
                            count(h.peakOpen()),
                            h.run().failed() == 0
                                    ? "0"
                                    : count(h.run().failed()) + " ("
                                            + Notes.causes(h.run().failures()) + ")",
                            h.rssPerConnectionBytes() / 1024,
                            plain.map(p -> f("%.1f KB", p.rssPerConnectionBytes() / 1024))
                                    .orElse(""),
                            count(h.run().peakThreads()),
                            h.heldAll()
                                    ? "held"
                                    : h.endedWell() ? "not held" : h.run().status()));
                }
            }
            md.append('\n');
        }
    }

    private static void startupSection(StringBuilder md, Results r) {
        if (r.startup().isEmpty()) {
            return;
        }
        md.append("## Start-up\n\n");
        md.append(f(
                "Each program started through its launcher in `bin/` as a user starts it (its JVM options and class-data "
                        + "cache; `JAVA_HOME` set to the bench's Java), %d times after two unmeasured runs that make the cache: "
                        + "a server until it logs `Listening`, the client for one whole session against a running Netty server, "
                        + "until it exits. Wall time from the process's start; the median is quoted.\n\n",
                StartupPhase.runs(r.quick())));
        md.append("| program | command | until it | median | runs |\n|---|---|---|--:|---|\n");
        for (StartupResult s : r.startup()) {
            if (s.error() != null) {
                md.append(f("| %s | `%s` | | | not measured: %s |\n", s.program(), s.command(), s.error()));
            } else {
                md.append(f(
                        "| %s | `%s` | %s | %d ms | %s ms |\n",
                        s.program(),
                        s.command(),
                        s.until(),
                        s.medianMillis(),
                        String.join(
                                ", ", s.millis().stream().map(String::valueOf).toList())));
            }
        }
        md.append('\n');
    }

    private static void burstSection(StringBuilder md, Results r) {
        if (!r.hasBursts()) {
            return;
        }
        Plan s = r.settings().plan();
        md.append("## Burst: full sessions as fast as they go\n\n");
        md.append(f(
                "Closed loop: %s sessions per run at each concurrency, a new session as soon as one ends. Every model's "
                        + "server is started first and serves %s sessions that are not measured (from the %s); then %s, each "
                        + "running every model once at each concurrency (each round starting one model later), so that a change "
                        + "in the shared machine's speed falls on every model alike.%s Server CPU counts every session of the "
                        + "run.\n\n",
                count(s.burstSessions()),
                count(s.serverWarmupSessions()),
                r.settings().warmUpClient(),
                s.burstRounds() == 1 ? "one round" : s.burstRounds() + " rounds",
                (s.burstRounds() > 1
                                ? " Each row is the model's median round; the rounds column gives every round's "
                                        + "sessions/s in the order they ran."
                                : "")
                        + (s.burstWarmupSeconds() > 0
                                ? f(
                                        " The generator's first %d s are its own warm-up (run, not counted): "
                                                + "sessions/s and latencies are over the rest.",
                                        s.burstWarmupSeconds())
                                : "")));
        boolean rounds = s.burstRounds() > 1;
        md.append("| model | concurrency | sessions/s |" + (rounds ? " rounds |" : "")
                + " session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + f("| server CPU vs the C server (target ≤ %.1fx) ", Targets.CPU_TARGET_RATIO)
                + "| server peak RSS | server peak threads | other CPU-s | status |\n");
        md.append("|---|--:|--:|" + (rounds ? "--:|" : "") + "--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            for (BurstResult b : model.burst()) {
                md.append(f(
                        "| %s | %s | %s |%s %.1f ms | %.1f ms | %s | %.3f | %s | %s | %s | %.1f | %s |\n",
                        model.name(),
                        count(b.concurrency()),
                        count(Math.round(b.sessionsPerSecond())),
                        rounds
                                ? " "
                                        + b.roundsSessionsPerSecond().stream()
                                                .map(v -> count(Math.round(v)))
                                                .collect(Collectors.joining(", "))
                                        + " |"
                                : "",
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        count(b.run().failed()),
                        b.serverCpuSecondsPer1000Sessions(),
                        b.serverCpuRatioToCServer() > 0 ? f("%.2fx", b.serverCpuRatioToCServer()) : "-",
                        Sizes.mib(b.run().peakRssBytes()),
                        count(b.run().peakThreads()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
    }

    private static void cServerSection(StringBuilder md, Results r) {
        if (!r.hasBursts()) {
            return; // it runs in the bursts' rounds
        }
        CServerResult c = r.cServer();
        md.append("## The server models against a minimal C server\n\n");
        if (c == null || c.burst().isEmpty()) {
            md.append("Not measured: ")
                    .append(c == null || c.note() == null ? "the minimal C server did not run" : c.note())
                    .append(".\n\n");
            return;
        }
        md.append(f(
                "A single-threaded epoll server in C (`bench/src/main/c/minimal_server.c`, compiled with `gcc -O2`) that "
                        + "does nothing but the protocol: no logging, no metrics, no idle timeout. It takes the same bursts "
                        + "from the same load generator in the same rounds as the models (one slot earlier each round), and "
                        + "the burst table gives each model's server CPU per session as a multiple of its; the issue's target "
                        + "is at most %.1fx. It is a yardstick, not a model: no other comparison or target includes it.%s\n\n",
                Targets.CPU_TARGET_RATIO, c.note() == null ? "" : " (" + c.note() + ")"));
        md.append("| concurrency | sessions/s | session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + "| server peak RSS | other CPU-s | status |\n");
        md.append("|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (BurstResult b : c.burst()) {
            md.append(f(
                    "| %s | %s | %.1f ms | %.1f ms | %s | %.3f | %s | %.1f | %s |\n",
                    count(b.concurrency()),
                    count(Math.round(b.sessionsPerSecond())),
                    b.latencyP50Millis(),
                    b.latencyP99Millis(),
                    count(b.run().failed()),
                    b.serverCpuSecondsPer1000Sessions(),
                    Sizes.mib(b.run().peakRssBytes()),
                    b.run().otherCpuSeconds(),
                    b.run().status()));
        }
        md.append('\n');
    }

    private static void heldSection(StringBuilder md, Results r) {
        if (!r.hasHeld()) {
            return;
        }
        Plan s = r.settings().plan();
        md.append("## Held: slow clients at once\n\n");
        md.append(f(
                "Each client waits %s ms before each of its ten lines, so a session lasts about %.0f s. %s, keeps the "
                        + "level in flight (a new session as each one ends) for %d s more, then lets the sessions in flight end; "
                        + "a client gives up after %d s without news from the server. %s RSS per connection is (peak RSS - idle "
                        + "RSS) / connections open at the peak, where idle is measured after %s warm-up sessions (from the %s) and a pause. "
                        + "Server connections are the server's open files above its idle count.\n\n",
                count(s.thinkMillis()),
                s.thinkMillis() / 100.0,
                s.heldRamp()
                        ? "The generator opens the connections (from the source addresses "
                                + String.join(", ", HeldPhase.SOURCES)
                                + ", round-robin, so that ephemeral ports are not what runs out) over one session's length (the "
                                + "level divided by it, plus 5%, per second)"
                        : "The generator opens all the connections at once (from the source addresses "
                                + String.join(", ", HeldPhase.SOURCES) + ", round-robin)",
                s.holdSeconds(),
                s.clientTimeoutSeconds(),
                s.freshServerPerHeldLevel()
                        ? "Each level gets a fresh server."
                        : "One server per model holds every level in turn.",
                count(s.heldWarmupSessions()),
                r.settings().warmUpClient()));
        if (s.processes() > 1) {
            md.append(f(
                    "**Each level is held by %d server processes of the model** sharing one port (`--reuse-port`: the kernel "
                            + "spreads the connections among them), loaded by %d generator processes, each with 1/%d of the "
                            + "level and of the rate and four source addresses of its own (127.0.0.2 to 127.0.0.%d), so that no "
                            + "process passes its own open-file limit. RSS, threads, server connections and CPU are the sums over "
                            + "the server processes, read at the same moments; the warm-up ran %d times the sessions. Latency "
                            + "percentiles in results.json are the slowest generator's. The minimal C server is one process and "
                            + "holds no levels in such a run.\n\n",
                    s.processes(), s.processes(), s.processes(), 1 + 4 * s.processes(), s.processes()));
        }
        md.append(
                "| model | level | held (open at peak) | server connections | completed | failed | idle RSS | peak RSS "
                        + "| RSS per connection | threads idle / peak | server CPU-s | other CPU-s | status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        Map<String, List<HeldResult>> rows = new LinkedHashMap<>();
        r.modelsRun().forEach(model -> rows.put(model.name(), model.held()));
        if (r.cServer() != null && !r.cServer().held().isEmpty()) {
            rows.put(CServerYardstick.NAME + " (the floor)", r.cServer().held());
        }
        rows.forEach((name, levels) -> {
            for (HeldResult h : levels) {
                md.append(f(
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %.1f KB | %s / %s | %.1f | %.1f | %s |\n",
                        name,
                        count(h.level()),
                        count(h.peakOpen()),
                        count(h.serverConnectionsPeak()),
                        count(h.run().completed()),
                        h.run().failed() == 0
                                ? "0"
                                : count(h.run().failed()) + " ("
                                        + Notes.causes(h.run().failures()) + ")",
                        Sizes.mib(h.idleRssBytes()),
                        Sizes.mib(h.run().peakRssBytes()),
                        h.rssPerConnectionBytes() / 1024,
                        count(h.idleThreads()),
                        count(h.run().peakThreads()),
                        h.run().serverCpuSeconds(),
                        h.run().otherCpuSeconds(),
                        h.heldAll()
                                ? "held"
                                : h.endedWell() ? "not held" : h.run().status()));
            }
        });
        md.append('\n');
    }

    private static void offeredSection(StringBuilder md, Results r) {
        Plan s = r.settings().plan();
        if (!r.hasOffered()) {
            return;
        }
        md.append("## Latency against offered load\n\n");
        md.append(f(
                "Open loop: the generator starts sessions on schedule, at each rate of %s sessions/s in turn, for %d s "
                        + "each (after %d s not counted), at most %s in flight, whether or not earlier ones ended; a session's "
                        + "latency counts from its scheduled start, so a server that falls behind is charged for the wait "
                        + "(coordinated omission corrected). A model climbs the ladder up to the first rate it does not keep up "
                        + "with (a session p99 above %.0f ms, less than %.0f%% of it completed, or more than one session in 1,000 "
                        + "failed): that last row is its knee. Every threaded model runs it, and the reference Netty model (the other transports would "
                        + "repeat it). Each model's server is fresh and warmed up first with %s sessions.\n\n",
                s.offeredRates().stream().map(v -> count(v)).collect(Collectors.joining(", ")),
                s.offeredSeconds(),
                s.offeredWarmupSeconds(),
                count(s.offeredConcurrency()),
                RateResult.KEPT_UP_P99_MILLIS,
                RateResult.KEPT_UP * 100,
                count(s.serverWarmupSessions())));
        md.append(
                "| model | offered/s | completed/s | session p50 | p99 | p99.9 | failed | server CPU-s | kept up |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult model : r.modelsRun()) {
            boolean kneeSeen = false;
            for (RateResult p : model.offered()) {
                String keptUp = !p.saturated()
                        ? "yes"
                        : !p.run().endedWell() ? p.run().status().toString() : kneeSeen ? "no" : "no: the knee";
                kneeSeen |= p.saturated();
                md.append(f(
                        "| %s | %s | %s | %.1f ms | %.1f ms | %.1f ms | %s | %.2f | %s |\n",
                        model.name(),
                        count(p.offeredRate()),
                        count(Math.round(p.sessionsPerSecond())),
                        p.latencyP50Millis(),
                        p.latencyP99Millis(),
                        p.latencyP999Millis(),
                        count(p.run().failed()),
                        p.run().serverCpuSeconds(),
                        keptUp));
            }
        }
        md.append('\n');
    }

    private static void rawSection(StringBuilder md, Results r) {
        RawResult raw = r.raw();
        if (raw.servers().isEmpty() && raw.note() == null) {
            return;
        }
        Plan s = r.settings().plan();
        md.append("## Raw framing: the article's own servers in the race\n\n");
        if (raw.plan() != null) {
            md.append(f(
                    "The article's thread-per-client server and its server with a pool of 2 threads, in Python 3 (their "
                            + "program text adapted only as far as Python 3 needs, and to listen on a port the bench gives: "
                            + "`bench/src/main/resources/python/`), a Python server of the same session on `asyncio`, and the "
                            + "Java models started with `--framing raw`, all loaded by the load generator with `--framing raw` "
                            + "(the pickle alone, then ten newline-terminated lines). The article's servers keep its backlog of 5 "
                            + "(`listen(5)`: connections beyond it are dropped and retried by the client's kernel a second or "
                            + "more later, which the latencies and timeouts show) and print every line they read (into the "
                            + "bench's log), as the article's do; the Java servers run `--quiet`. One server "
                            + "process each, one after another: %s a burst of %s sessions at concurrency %s%s, then its idle "
                            + "baseline, then %s slow clients (%s ms before each line, a %d s client timeout), as the held "
                            + "scenario holds them. The article's pool serves two clients at a time and queues the rest: a "
                            + "level with clients that waited in vain is marked *not served*, and has no point on the chart.%s\n\n",
                    raw.plan().serverWarmupSessions() > 0
                            ? count(raw.plan().serverWarmupSessions()) + " sessions not measured, then"
                            : "no warm-up,",
                    count(raw.plan().burstSessions()),
                    count(raw.plan().burstConcurrency()),
                    s.burstWarmupSeconds() > 0
                            ? f(" (the generator's first %d s not counted)", s.burstWarmupSeconds())
                            : "",
                    raw.plan().heldLevels().stream().map(v -> count(v)).collect(Collectors.joining(", ")),
                    count(s.thinkMillis()),
                    s.clientTimeoutSeconds(),
                    raw.note() == null ? "" : " " + raw.note()));
        } else {
            md.append(raw.note()).append("\n\n");
        }
        List<ModelResult> run = raw.serversRun();
        if (run.isEmpty()) {
            return;
        }
        md.append("| server | kind | sessions/s | session p50 | session p99 | failed | server CPU-s per 1,000 sessions "
                + "| server peak RSS | server peak threads | other CPU-s | status |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult server : run) {
            for (BurstResult b : server.burst()) {
                md.append(f(
                        "| %s | %s | %s | %.1f ms | %.1f ms | %s | %.3f | %s | %s | %.1f | %s |\n",
                        server.name(),
                        server.kind(),
                        count(Math.round(b.sessionsPerSecond())),
                        b.latencyP50Millis(),
                        b.latencyP99Millis(),
                        failed(b.run()),
                        b.serverCpuSecondsPer1000Sessions(),
                        Sizes.mib(b.run().peakRssBytes()),
                        count(b.run().peakThreads()),
                        b.run().otherCpuSeconds(),
                        b.run().status()));
            }
        }
        md.append('\n');
        md.append(
                "| server | level | held (open at peak) | completed | failed | idle RSS | peak RSS | RSS per connection "
                        + "| threads idle / peak | server CPU-s | status |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (ModelResult server : run) {
            for (HeldResult h : server.held()) {
                md.append(f(
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %.1f | %s |\n",
                        server.name(),
                        count(h.level()),
                        count(h.peakOpen()),
                        count(h.run().completed()),
                        failed(h.run()),
                        Sizes.mib(h.idleRssBytes()),
                        Sizes.mib(h.run().peakRssBytes()),
                        h.heldAll() ? f("%.1f KB", h.rssPerConnectionBytes() / 1024) : "-",
                        count(h.idleThreads()),
                        count(h.run().peakThreads()),
                        h.run().serverCpuSeconds(),
                        RawPhase.served(h)));
            }
        }
        md.append('\n');
    }

    /** Failed sessions, with their causes when there are some. */
    private static String failed(Run run) {
        return run.failed() == 0 ? "0" : count(run.failed()) + " (" + Notes.causes(run.failures()) + ")";
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

    public static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
