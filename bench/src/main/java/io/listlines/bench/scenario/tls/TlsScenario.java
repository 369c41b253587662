package io.listlines.bench.scenario.tls;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.analysis.Notes;
import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.report.Charts;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import io.listlines.report.LoadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bursts and held levels over TLS ({@link TlsPhase}): every model, the reference Netty one with each
 * TLS provider, each reported as a model of its own.
 */
public final class TlsScenario implements Scenario {
    @Override
    public void run(Harness harness, Findings findings) {
        findings.tls(new TlsPhase(harness, harness.out().resolve("tls")).run(harness.models(), harness.reference()));
    }

    @Override
    public void report(Results r, StringBuilder md) {
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
                            h.verdict()));
                }
            }
            md.append('\n');
        }
    }

    @Override
    public List<ChartFile> charts(Results r) {
        List<ModelResult> tls = r.tlsRun();
        if (tls.isEmpty()) {
            return List.of();
        }
        List<ChartFile> charts = new ArrayList<>();
        charts.add(new ChartFile(
                Charts.TLS_SESSIONS_PER_SECOND,
                "Sessions per second over TLS and plaintext",
                () -> Charts.tlsSessionsPerSecond(tls, r)));
        if (tls.stream().anyMatch(t -> !t.held().isEmpty())) {
            charts.add(new ChartFile(
                    Charts.TLS_RSS_PER_CONNECTION,
                    "RSS per held connection over TLS",
                    () -> Charts.rssPerConnection(
                            tls,
                            r,
                            "TLS held: server RSS per held connection above idle, by model and level (no bar: "
                                    + "level not held)")));
        }
        return charts;
    }
}
