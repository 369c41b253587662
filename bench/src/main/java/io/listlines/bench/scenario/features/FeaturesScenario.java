package io.listlines.bench.scenario.features;

import static io.listlines.bench.report.Markdown.count;
import static io.listlines.bench.report.Markdown.f;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.report.ChartFile;
import io.listlines.bench.run.Findings;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.Scenario;
import java.awt.Color;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * What each feature of the server costs ({@link FeaturesPhase}): the reference Netty model's server CPU per
 * session with one feature on at a time, and with all of them, each over the default.
 */
public final class FeaturesScenario implements Scenario {
    /** Its chart: each feature's CPU per session over the default's, in percent. */
    public static final String CHART = "feature-costs.png";

    @Override
    public void run(Harness harness, Findings findings) {
        findings.scenarioResult(name(), new FeaturesPhase(harness).run());
    }

    private Optional<FeaturesResult> result(Results r) {
        return r.scenarioResult(name(), FeaturesResult.class).map(FeaturesResult::repriced);
    }

    @Override
    public void report(Results r, StringBuilder md) {
        Optional<FeaturesResult> result = result(r);
        if (result.isEmpty()) {
            return;
        }
        FeaturesResult s = result.get();
        md.append("## What each feature costs\n\n");
        if (s.note() != null) {
            md.append("Not measured: ").append(s.note()).append(".\n\n");
            return;
        }
        md.append(f(
                "The reference Netty model (%s: `bin/netty-server` with its launcher's JVM options and the flags every "
                        + "model runs with, `--quiet`, `--grace 2`, `--idle-timeout 30`) started once per variant, each with "
                        + "one feature on, and once with all of them. Every server serves %s sessions first, not measured; "
                        + "then %s, each running every variant once, each round starting one variant later: a closed-loop "
                        + "burst of %s sessions at concurrency %d%s, server CPU from /proc over the whole burst. A variant's "
                        + "figures are its median round by server CPU per 1,000 sessions (ms per 1,000 sessions is µs per "
                        + "session); *over default* is that median minus the default's, in ms and in percent: what turning "
                        + "the feature on costs a session.\n\n",
                s.model(),
                count(s.serverWarmup()),
                s.rounds() == 1 ? "one round" : s.rounds() + " rounds",
                count(s.sessions()),
                s.concurrency(),
                s.warmupSeconds() > 0
                        ? f(
                                " (the generator's first %d s are its own warm-up: run and counted in the server's CPU, "
                                        + "not in sessions/s)",
                                s.warmupSeconds())
                        : ""));
        md.append(
                "How to read it: *rounds* lists each round's CPU in the order the rounds ran and *spread* is their "
                        + "range in percent of the median, so the default's own spread is this machine's noise; *per round* is "
                        + "each round's CPU over the default's in the same round, a pair run within minutes of each other. A "
                        + "price smaller than the spread, or per-round figures of both signs, is within the noise. The limits are "
                        + f(
                                "set far above the burst's %d connections (`--max-connections-per-address %s`, `--max-connections "
                                        + "%s`), so they refuse nothing and their price is the check on every connection. ",
                                s.concurrency(), count(Feature.PER_ADDRESS_LIMIT), count(Feature.MAX_CONNECTIONS))
                        + "Session logging (no `--quiet`) is twelve lines a session (`Received connection`, each of the ten "
                        + "lines, `Closed connection`) written by the event loop to standard output, which the bench copies "
                        + "from a pipe into `logs/features-session-log-server.log`, as a terminal or journald would take them. "
                        + "The metrics variant serves its counters and session histogram on `--metrics-port` and the bench "
                        + "fetches `/metrics` once a second during each burst (Prometheus's default is once a minute: this is "
                        + "the scrape at its dearest). PROXY v2: the server with `--proxy-protocol --proxy-trusted 127.0.0.0/8`, "
                        + "the generator sending a v2 header at the start of every connection (`load --proxy-protocol v2`).\n\n");
        md.append(
                "| variant | what it turns on | sessions/s | server CPU ms per 1,000 sessions | over default "
                        + "| over default % | rounds (CPU ms per 1,000) | spread | per round, over default | failed | status |\n");
        md.append("|---|---|--:|--:|--:|--:|---|--:|---|--:|---|\n");
        for (FeatureCost c : s.variants()) {
            BurstResult median = c.medianBurst();
            boolean isDefault = c.feature().name().equals(Feature.DEFAULT.name());
            md.append(f(
                    "| %s | %s | %s | %.2f | %s | %s | %s | %.1f%% | %s | %s | %s |\n",
                    c.feature().name(),
                    c.feature().describe()
                            + (c.feature().scraped()
                                    ? f(" (%s answered, %s not)", count(c.scrapes()), count(c.scrapesFailed()))
                                    : ""),
                    c.medianRound() == 0 ? "" : count(Math.round(c.sessionsPerSecond())),
                    c.serverCpuMillisPer1000Sessions(),
                    isDefault || c.medianRound() == 0 ? "" : f("%+.2f ms", c.deltaMillisPer1000Sessions()),
                    isDefault || c.medianRound() == 0 ? "" : f("%+.1f%%", c.deltaPercent()),
                    FeatureCost.cpuByRound(c.rounds()).stream()
                            .map(v -> v == null ? "-" : f("%.1f", v))
                            .collect(Collectors.joining(", ")),
                    c.spreadPercent(),
                    isDefault
                            ? ""
                            : c.roundDeltasPercent().stream()
                                    .map(v -> v == null ? "-" : f("%+.1f%%", v))
                                    .collect(Collectors.joining(", ")),
                    count(median.run().failed()),
                    median.run().status()));
        }
        md.append('\n');
    }

    @Override
    public List<ChartFile> charts(Results r) {
        return result(r)
                .filter(s -> s.note() == null && !s.variants().isEmpty())
                .map(s -> List.of(new ChartFile(
                        CHART, "What each feature costs: server CPU per session over the default", () -> chart(s, r))))
                .orElse(List.of());
    }

    /** A bar per variant but the default: its median CPU per session over the default's, in percent. */
    private static CategoryChart chart(FeaturesResult s, Results r) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1100)
                .height(650)
                .title("What each feature costs: server CPU per session over the default (median rounds)"
                        + (r.quick() ? " (quick run: not a measurement)" : ""))
                .xAxisTitle("feature on")
                .yAxisTitle("% over the default")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        List<FeatureCost> priced = s.variants().stream()
                .filter(c -> !c.feature().name().equals(Feature.DEFAULT.name()))
                .toList();
        chart.addSeries(
                f(
                        "%s, concurrency %d (the default's own rounds spread %.1f%%: the noise)",
                        s.model(), s.concurrency(), s.variants().getFirst().spreadPercent()),
                priced.isEmpty()
                        ? List.of("none")
                        : priced.stream().map(c -> c.feature().name()).toList(),
                priced.isEmpty()
                        ? List.of(0.0)
                        : priced.stream().map(FeatureCost::deltaPercent).toList());
        return chart;
    }
}
