package io.listlines.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** What a load run measured, for people ({@link #toText()}) and machines ({@link #toJson()}). */
public record LoadReport(
        List<String> targets,
        String framing,
        String transport,
        String mode,
        int concurrency,
        double rate,
        int thinkMillis,
        long sessionsRequested,
        int durationSeconds,
        int warmupSeconds,
        long started,
        long completed,
        long failed,
        Map<Outcome, Long> failures,
        long peakOpen,
        double elapsedSeconds,
        double sessionsPerSecond,
        Map<String, Latency> latencyMillis,
        long openFileLimit) {

    /** Percentiles of one latency, in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max, long count) {
        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
                    micros.getTotalCount());
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    /** The JSON key of a failure cause: {@code protocol_error}, {@code closed_early} ... */
    static String key(Outcome outcome) {
        return outcome == Outcome.OTHER ? "other" : outcome.name().toLowerCase(Locale.ROOT);
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("targets", targets);
        json.put("framing", framing);
        json.put("transport", transport);
        json.put("mode", mode);
        json.put("concurrency", concurrency);
        json.put("rate", rate);
        json.put("thinkMillis", thinkMillis);
        json.put("sessionsRequested", sessionsRequested);
        json.put("durationSeconds", durationSeconds);
        json.put("warmupSeconds", warmupSeconds);
        json.put("started", started);
        json.put("completed", completed);
        json.put("failed", failed);
        Map<String, Object> causes = new LinkedHashMap<>();
        failures.forEach((outcome, count) -> causes.put(key(outcome), count));
        json.put("failures", causes);
        json.put("peakOpen", peakOpen);
        json.put("elapsedSeconds", elapsedSeconds);
        json.put("sessionsPerSecond", sessionsPerSecond);
        Map<String, Object> latencies = new LinkedHashMap<>();
        latencyMillis.forEach((name, l) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("p50", l.p50());
            p.put("p90", l.p90());
            p.put("p99", l.p99());
            p.put("p99.9", l.p999());
            p.put("max", l.max());
            p.put("count", l.count());
            latencies.put(name, p);
        });
        json.put("latencyMillis", latencies);
        json.put("openFileLimit", openFileLimit);
        return write(json);
    }

    /** A small JSON writer for the report's maps, lists, strings and numbers. */
    private static String write(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> write(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LoadReport::write).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null";
        }
        return String.valueOf(value);
    }

    public String toText() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "load: %s against %s (%s, transport %s), %s, concurrency %d%s%s",
                sessionsRequested > 0 ? sessionsRequested + " sessions" : "sessions for " + durationSeconds + " s",
                String.join(", ", targets), framing, transport, mode, concurrency,
                rate > 0 ? String.format(Locale.ROOT, ", rate %.0f/s", rate) : "",
                thinkMillis > 0 ? ", think " + thinkMillis + " ms" : ""));
        lines.add(String.format(Locale.ROOT, "completed   %d of %d started%s", completed, started,
                warmupSeconds > 0 ? " (after " + warmupSeconds + " s of warm-up, not counted)" : ""));
        String causes = failures.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        lines.add("failed      " + failed + (causes.isEmpty() ? "" : " (" + causes + ")"));
        lines.add("peak open   " + peakOpen + " connections"
                + (openFileLimit != Long.MAX_VALUE ? " (this process may open " + openFileLimit + " files; each connection takes one)" : ""));
        lines.add(String.format(Locale.ROOT, "throughput  %.0f sessions/s over %.2f s", sessionsPerSecond, elapsedSeconds));
        lines.add(String.format(Locale.ROOT, "%-12s %9s %9s %9s %9s %9s", "latency ms", "p50", "p90", "p99", "p99.9", "max"));
        latencyMillis.forEach((name, l) -> lines.add(String.format(Locale.ROOT, "%-12s %9.3f %9.3f %9.3f %9.3f %9.3f",
                name, l.p50(), l.p90(), l.p99(), l.p999(), l.max())));
        if (rate > 0) {
            lines.add("(open loop: latency counts from each session's scheduled start, so a server that falls behind shows it)");
        }
        return String.join(System.lineSeparator(), lines);
    }
}
