package io.listlines.bench.report;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.RateResult;
import io.listlines.bench.model.Results;
import io.listlines.bench.model.YardstickResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts, drawn by XChart. */
public final class Charts {
    public static final String SESSIONS_PER_SECOND = "sessions-per-second.png";
    public static final String RSS_PER_CONNECTION = "rss-per-connection.png";
    public static final String THREADS = "threads.png";
    public static final String MEMORY = "memory.png";
    public static final String LATENCY_P50 = "latency-p50.png";
    public static final String LATENCY_P99 = "latency-p99.png";
    public static final String LATENCY_P999 = "latency-p99.9.png";
    public static final String TLS_SESSIONS_PER_SECOND = "tls-sessions-per-second.png";
    public static final String TLS_RSS_PER_CONNECTION = "tls-rss-per-connection.png";
    public static final String RAW_SESSIONS_PER_SECOND = "raw-sessions-per-second.png";
    /** The raw race's held charts are the held scenario's, under these names. */
    public static final String RAW_MEMORY = "raw-" + MEMORY;

    public static final String RAW_THREADS = "raw-" + THREADS;

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 650;
    private static final double MIB = 1024 * 1024;
    /** The C server's line in the held charts. */
    private static final String FLOOR = YardstickResult.C_SERVER + " (minimal C, the floor)";
    /** What bare Netty's lines in the held charts end with. */
    private static final String BARE_NETTY = " (bare Netty, the yardstick)";

    private static final List<Marker> BARE_NETTY_MARKERS =
            List.of(SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE);

    private Charts() {}

    /** Draws {@code charts} into {@code dir}; returns the files written. */
    public static List<Path> write(List<ChartFile> charts, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        for (ChartFile chart : charts) {
            files.add(save(chart.draw().get(), dir.resolve(chart.file())));
        }
        return files;
    }

    /** The raw race's held charts: {@link #heldLines(Map, String, HeldChart)} of its servers, under their own names. */
    public static List<ChartFile> rawHeld(List<ModelResult> servers, Results results) {
        Map<String, List<HeldResult>> lines = new LinkedHashMap<>();
        servers.forEach(m -> lines.put(m.name(), m.held()));
        List<ChartFile> charts = new ArrayList<>();
        for (HeldChart c : HELD_CHARTS) {
            String title = "Raw framing, held: " + c.what() + " against slow clients held" + quick(results);
            charts.add(new ChartFile(
                    "raw-" + c.file(),
                    "Raw framing: " + c.what() + " against slow clients held",
                    () -> heldLines(lines, title, c)));
        }
        return charts;
    }

    /** The held scenario's line charts, one per {@link HeldChart}. */
    public static List<ChartFile> held(List<ModelResult> models, Results results) {
        return HELD_CHARTS.stream()
                .map(c -> new ChartFile(
                        c.file(),
                        c.what().substring(0, 1).toUpperCase(Locale.ROOT)
                                + c.what().substring(1) + " against slow clients held",
                        () -> heldLines(models, results, c)))
                .toList();
    }

    /** The offered-load scenario's latency charts, one per percentile. */
    public static List<ChartFile> latency(List<ModelResult> models, Results results) {
        return LATENCY_CHARTS.stream()
                .map(c -> new ChartFile(
                        c.file(), "Session latency against offered load", () -> latency(models, results, c)))
                .toList();
    }

    /**
     * The raw race's bursts: a bar per server, the article's Python servers beside ours. A burst that did not
     * end well has no bar (its status is in the table).
     */
    public static CategoryChart rawSessionsPerSecond(List<ModelResult> servers, Results results) {
        CategoryChart chart = barsByModel(
                "Raw framing, burst: the article's Python servers and ours, full sessions per second" + quick(results),
                "sessions/s",
                "#,##0");
        chart.getStyler().setXAxisTitleVisible(false);
        List<String> names = servers.stream().map(ModelResult::name).toList();
        List<Double> values = new ArrayList<>();
        for (ModelResult m : servers) {
            values.add(m.burst().stream()
                    .filter(BurstResult::endedWell)
                    .findFirst()
                    .map(BurstResult::sessionsPerSecond)
                    .map(Charts::whole)
                    .orElse(null));
        }
        int concurrency =
                results.raw().plan() == null ? 0 : results.raw().plan().burstConcurrency();
        chart.addSeries(
                String.format(Locale.ROOT, "concurrency %,d", concurrency),
                names.isEmpty() ? List.of("no server ran") : names,
                values.isEmpty() ? List.of(0.0) : values);
        return chart;
    }

    public static CategoryChart sessionsPerSecond(List<ModelResult> models, Results results) {
        CategoryChart chart =
                barsByModel("Burst: full sessions per second by model" + quick(results), "sessions/s", "#,##0");
        List<String> names = models.stream().map(ModelResult::name).toList();
        for (int c : results.settings().plan().burstConcurrency()) {
            List<Double> values = new ArrayList<>();
            for (ModelResult m : models) {
                values.add(m.burst().stream()
                        .filter(b -> b.concurrency() == c)
                        .findFirst()
                        .map(BurstResult::sessionsPerSecond)
                        .map(Charts::whole)
                        .orElse(0.0));
            }
            chart.addSeries(String.format(Locale.ROOT, "concurrency %,d", c), names, values);
        }
        return chart;
    }

    public static CategoryChart rssPerConnection(List<ModelResult> models, Results results) {
        return rssPerConnection(
                models,
                results,
                "Held: server RSS per held connection above idle, by model and level (no bar: level not held)");
    }

    public static CategoryChart rssPerConnection(List<ModelResult> models, Results results, String title) {
        CategoryChart chart = barsByModel(title + quick(results), "KB per connection", "#,##0.#");
        List<String> names = models.stream().map(ModelResult::name).toList();
        for (int level : results.settings().plan().heldLevels()) {
            List<Double> values = new ArrayList<>();
            for (ModelResult m : models) {
                values.add(held(m, level)
                        .filter(HeldResult::heldAll)
                        .map(h -> Math.round(h.rssPerConnectionBytes() / 1024 * 10) / 10.0)
                        .orElse(null));
            }
            chart.addSeries(String.format(Locale.ROOT, "%,d held", level), names, values);
        }
        return chart;
    }

    /** Each TLS variant's burst at concurrency 100, beside its model's plaintext one in the same run. */
    public static CategoryChart tlsSessionsPerSecond(List<ModelResult> tls, Results results) {
        CategoryChart chart = barsByModel(
                "TLS: full sessions per second at concurrency 100, each a new handshake" + quick(results),
                "sessions/s",
                "#,##0");
        List<String> names = tls.stream().map(ModelResult::name).toList();
        List<Double> overTls = new ArrayList<>();
        List<Double> plaintext = new ArrayList<>();
        for (ModelResult m : tls) {
            overTls.add(burstAt100(m));
            plaintext.add(results.plaintextOf(m).map(Charts::burstAt100).orElse(0.0));
        }
        chart.addSeries("over TLS", names, overTls);
        chart.addSeries("plaintext (the model's burst)", names, plaintext);
        return chart;
    }

    private static double burstAt100(ModelResult m) {
        return m.burst().stream()
                .filter(b -> b.concurrency() == 100 && b.endedWell())
                .findFirst()
                .map(b -> whole(b.sessionsPerSecond()))
                .orElse(0.0);
    }

    /** A chart against slow clients held: its file, what it plots, and that at idle (x = 0) and at a level's peak. */
    private record HeldChart(
            String file,
            String what,
            String yAxisTitle,
            ToDoubleFunction<HeldResult> idle,
            ToDoubleFunction<HeldResult> peak) {}

    private static final List<HeldChart> HELD_CHARTS = List.of(
            new HeldChart(
                    MEMORY,
                    "server RSS",
                    "RSS, MiB (log scale)",
                    h -> h.idleRssBytes() / MIB,
                    h -> h.run().peakRssBytes() / MIB),
            new HeldChart(
                    THREADS,
                    "server threads",
                    "threads (log scale)",
                    HeldResult::idleThreads,
                    h -> h.run().peakThreads()));

    /** A latency chart against offered load: its file, the percentile and where a point has it. */
    private record LatencyChart(String file, String percentile, ToDoubleFunction<RateResult> millis) {}

    private static final List<LatencyChart> LATENCY_CHARTS = List.of(
            new LatencyChart(LATENCY_P50, "p50", RateResult::latencyP50Millis),
            new LatencyChart(LATENCY_P99, "p99", RateResult::latencyP99Millis),
            new LatencyChart(LATENCY_P999, "p99.9", RateResult::latencyP999Millis));

    /**
     * One line per model through its idle value (at 0) and its peak at each level it held. A level a
     * model did not serve (not every client open at once, or sessions failed: the pools' waiting room)
     * is a cross on the "did not hold the level" series, not a point of its line.
     */
    private static XYChart heldLines(List<ModelResult> models, Results results, HeldChart c) {
        Map<String, List<HeldResult>> lines = new LinkedHashMap<>();
        for (ModelResult m : models) {
            lines.put(m.name(), m.held());
        }
        for (YardstickResult y : results.bareNetty()) {
            lines.put(y.name() + BARE_NETTY, y.held());
        }
        List<HeldResult> floor = floor(results);
        if (!floor.isEmpty()) {
            lines.put(FLOOR, floor);
        }
        return heldLines(lines, "Held: " + c.what() + " against slow clients held" + quick(results), c);
    }

    /** The held chart {@code c} titled {@code title}, a line for each entry of {@code lines} (the floor's grey and dashed, bare Netty's dark grey and dotted). */
    private static XYChart heldLines(Map<String, List<HeldResult>> lines, String title, HeldChart c) {
        ToDoubleFunction<HeldResult> idle = c.idle();
        ToDoubleFunction<HeldResult> peak = c.peak();
        XYChart chart = logLines(title, "slow clients held at once (0: idle)", c.yAxisTitle(), "#,##0");
        List<Double> missedX = new ArrayList<>();
        List<Double> missedY = new ArrayList<>();
        int bareNettyLines = 0;
        for (Map.Entry<String, List<HeldResult>> line : lines.entrySet()) {
            List<HeldResult> held = line.getValue();
            if (held.isEmpty()) {
                continue;
            }
            List<Double> x = new ArrayList<>(List.of(0.0));
            List<Double> y = new ArrayList<>(List.of(Math.max(1, idle.applyAsDouble(held.getFirst()))));
            for (HeldResult h : held) {
                double value = Math.max(1, peak.applyAsDouble(h));
                if (h.heldAll()) {
                    x.add((double) h.level());
                    y.add(value);
                } else if (h.endedWell()) {
                    missedX.add((double) h.level());
                    missedY.add(value);
                }
            }
            XYSeries series = chart.addSeries(line.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            if (line.getKey().equals(FLOOR)) {
                series.setLineColor(Color.GRAY);
                series.setMarkerColor(Color.GRAY);
                series.setLineStyle(SeriesLines.DASH_DASH);
            } else if (line.getKey().endsWith(BARE_NETTY)) {
                // dark and dotted, as a yardstick, each transport's by its own marker
                series.setLineColor(Color.DARK_GRAY);
                series.setMarkerColor(Color.DARK_GRAY);
                series.setLineStyle(SeriesLines.DOT_DOT);
                series.setMarker(BARE_NETTY_MARKERS.get(bareNettyLines++ % BARE_NETTY_MARKERS.size()));
            }
        }
        if (!missedX.isEmpty()) {
            XYSeries missed = chart.addSeries("did not hold the level (x)", missedX, missedY);
            missed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            missed.setMarker(SeriesMarkers.CROSS);
            missed.setMarkerColor(Color.RED);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no held runs", List.of(0.0), List.of(1.0));
        }
        return chart;
    }

    /**
     * Session latency at {@code percentile} against the offered rate, a line per model that ran the
     * ladder; its last point is where it stopped keeping up (the knee).
     */
    private static XYChart latency(List<ModelResult> models, Results results, LatencyChart c) {
        XYChart chart = logLines(
                "Session latency " + c.percentile() + " against offered load (open loop; each line ends where "
                        + "the model stopped keeping up)" + quick(results),
                "offered sessions per second",
                "session latency " + c.percentile() + ", ms (log scale)",
                "#,##0.#");
        for (ModelResult m : models) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (RateResult point : m.offered()) {
                if (point.run().generator() != null) {
                    x.add((double) point.offeredRate());
                    y.add(Math.max(0.01, c.millis().applyAsDouble(point)));
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(m.name(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no offered-load runs", List.of(0.0), List.of(1.0));
        }
        return chart;
    }

    /** A chart of lines over a linear x axis and a logarithmic y axis. */
    private static XYChart logLines(String title, String xAxisTitle, String yAxisTitle, String yDecimalPattern) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern(yDecimalPattern);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /** A bar chart with one group of bars per model, each bar labelled with its value. */
    private static CategoryChart barsByModel(String title, String yAxisTitle, String yDecimalPattern) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("server model")
                .yAxisTitle(yAxisTitle)
                .build();
        style(chart.getStyler());
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsRotation(90);
        chart.getStyler().setYAxisDecimalPattern(yDecimalPattern);
        return chart;
    }

    /** The minimal C server's held levels, the floor line of the held charts; none if it did not run. */
    private static List<HeldResult> floor(Results results) {
        return results.cServer() == null ? List.of() : results.cServer().held();
    }

    private static Optional<HeldResult> held(ModelResult m, int level) {
        return m.held().stream().filter(h -> h.level() == level).findFirst();
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it hid the tallest bar
        styler.setChartBackgroundColor(Color.WHITE);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setXAxisLabelRotation(20);
        }
    }

    private static double whole(double value) {
        return Math.round(value);
    }

    private static String quick(Results results) {
        return results.quick() ? " (quick run: not a measurement)" : "";
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }
}
