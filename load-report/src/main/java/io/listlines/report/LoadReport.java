package io.listlines.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured, for people ({@link #toText()}) and machines ({@link #toJson()}): the
 * JSON that {@code load --json} writes is this record, and the bench reads it back into it
 * ({@link #read(Path)}), so writer and reader cannot drift apart. Its own module, without Netty, so that
 * the bench reads it without the client.
 */
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

        @JsonSerialize(keyUsing = OutcomeKeyWriter.class) @JsonDeserialize(keyUsing = OutcomeKeyReader.class)
        Map<Outcome, Long> failures,

        long peakOpen,
        double elapsedSeconds,
        double sessionsPerSecond,
        Map<String, Latency> latencyMillis,
        long openFileLimit,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String startedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String endedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> histograms) {

    /** The unit of every histogram in {@link #histograms()}, under the key {@value #UNIT_KEY}. */
    public static final String HISTOGRAM_UNIT = "microseconds";

    public static final String UNIT_KEY = "unit";

    /** Percentiles of one latency, in milliseconds. */
    public record Latency(
            double p50,
            double p90,
            double p99,
            @JsonProperty("p99.9") double p999,
            double max,
            long count) {
        public static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(
                    ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)),
                    ms(micros.getMaxValue()),
                    micros.getTotalCount());
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    /** The latencies every report has, by their names in the JSON. */
    public static final String CONNECT = "connect";

    /** With {@code --tls} only: the handshake's own time, from connected to complete (the others count from the start). */
    public static final String HANDSHAKE = "handshake";

    public static final String FIRST_FRAME = "firstFrame";
    public static final String SESSION = "session";
    static final List<String> LATENCIES = List.of(CONNECT, FIRST_FRAME, SESSION);

    /**
     * One mapper writes the report and reads it back. Reading fails on a field that is missing or
     * null, rather than make it 0: a bench figure of 0 sessions/s from a renamed field looks like data.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule("three-decimals")
                    .addSerializer(Double.class, ThreeDecimals.INSTANCE)
                    .addSerializer(Double.TYPE, ThreeDecimals.INSTANCE))
            .enable(
                    DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** One line of JSON, every double with three decimals, as the report always had it. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the load report cannot be written as JSON", e);
        }
    }

    /**
     * A report as {@link #toJson()} wrote it.
     *
     * @throws IOException naming the field when one is missing, null or unknown, or a failure cause or latency is absent
     */
    public static LoadReport fromJson(String json) throws IOException {
        LoadReport report;
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree instanceof ObjectNode fields) {
                // older reports have no span and no histograms: they read, but do not merge
                fields.putIfAbsent("startedAt", TextNode.valueOf(""));
                fields.putIfAbsent("endedAt", TextNode.valueOf(""));
                fields.putIfAbsent("histograms", fields.objectNode());
            }
            report = JSON.treeToValue(tree, LoadReport.class);
        } catch (JsonProcessingException e) {
            String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? " (at "
                            + m.getPath().stream()
                                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                                    .collect(Collectors.joining("."))
                            + ")"
                    : "";
            throw new IOException("not a load report as load --json writes it: " + e.getOriginalMessage() + where, e);
        }
        for (Outcome cause : Outcome.failures()) {
            if (report.failures().get(cause) == null) {
                throw new IOException(
                        "not a load report as load --json writes it: no count for failure cause '" + cause.key() + "'");
            }
        }
        for (String latency : LATENCIES) {
            if (report.latencyMillis().get(latency) == null) {
                throw new IOException("not a load report as load --json writes it: no latency '" + latency + "'");
            }
        }
        if (!report.histograms().isEmpty()
                && !HISTOGRAM_UNIT.equals(report.histograms().get(UNIT_KEY))) {
            throw new IOException(
                    "not a load report as load --json writes it: the histograms' unit is not '" + HISTOGRAM_UNIT + "'");
        }
        return report;
    }

    /** As {@link #fromJson(String)}, from a file {@code load --json} wrote. */
    public static LoadReport read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Several generators' reports, run side by side against one service, as one run, exactly: counts
     * and failures by cause summed, each latency histogram added and its percentiles read from the sum,
     * the span of the runs from the earliest start to the latest end. Rates and concurrency add up (the
     * generators run together), durations are the longest, the open-file limit the lowest. One report
     * is itself.
     *
     * @throws IllegalArgumentException with one sentence when the reports cannot be one run (framing,
     *     mode, think time or latencies differ) or one has no histograms (an older generator wrote it)
     */
    public static LoadReport merge(List<LoadReport> reports) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= reports.size(); i++) {
            names.add("report " + i);
        }
        return merge(reports, names);
    }

    /** As {@link #merge(List)}, naming each report (its file, say) in a refusal. */
    public static LoadReport merge(List<LoadReport> reports, List<String> names) {
        if (reports.size() == 1) {
            return reports.getFirst();
        }
        LoadReport first = reports.getFirst();
        Map<String, Histogram> sums = new LinkedHashMap<>();
        Map<Outcome, Long> failures = new LinkedHashMap<>();
        Instant began = null;
        Instant ended = null;
        boolean spanKnown = true;
        for (int i = 0; i < reports.size(); i++) {
            LoadReport r = reports.get(i);
            String name = names.get(i);
            if (r.histograms().isEmpty()) {
                throw new IllegalArgumentException("Cannot merge exactly: " + name
                        + " has no histograms (an older load wrote it); rerun it with this version.");
            }
            sameRun("framing", first.framing(), r.framing(), names.getFirst(), name);
            sameRun("mode", first.mode(), r.mode(), names.getFirst(), name);
            sameRun("think time", first.thinkMillis(), r.thinkMillis(), names.getFirst(), name);
            Map<String, Histogram> micros = r.decodedHistograms(name);
            sameRun(
                    "latencies",
                    sums.isEmpty() ? micros.keySet() : sums.keySet(),
                    micros.keySet(),
                    names.getFirst(),
                    name);
            micros.forEach((latency, h) -> sums.merge(latency, h, (sum, more) -> {
                sum.add(more);
                return sum;
            }));
            r.failures().forEach((cause, n) -> failures.merge(cause, n, Long::sum));
            if (r.startedAt().isEmpty() || r.endedAt().isEmpty()) {
                spanKnown = false;
            } else {
                Instant from = Instant.parse(r.startedAt());
                Instant to = Instant.parse(r.endedAt());
                began = began == null || from.isBefore(began) ? from : began;
                ended = ended == null || to.isAfter(ended) ? to : ended;
            }
        }
        Map<String, Latency> latency = new LinkedHashMap<>();
        sums.forEach((name, h) -> latency.put(name, Latency.of(h)));
        return new LoadReport(
                reports.stream().flatMap(r -> r.targets().stream()).distinct().toList(),
                first.framing(),
                reports.stream().map(LoadReport::transport).distinct().collect(Collectors.joining(",")),
                first.mode(),
                reports.stream().mapToInt(LoadReport::concurrency).sum(),
                reports.stream().mapToDouble(LoadReport::rate).sum(),
                first.thinkMillis(),
                reports.stream().mapToLong(LoadReport::sessionsRequested).sum(),
                reports.stream().mapToInt(LoadReport::durationSeconds).max().orElse(0),
                reports.stream().mapToInt(LoadReport::warmupSeconds).max().orElse(0),
                reports.stream().mapToLong(LoadReport::started).sum(),
                reports.stream().mapToLong(LoadReport::completed).sum(),
                reports.stream().mapToLong(LoadReport::failed).sum(),
                failures,
                // each generator's own peak; they ramp and hold together, so their sum is the level at its peak
                reports.stream().mapToLong(LoadReport::peakOpen).sum(),
                reports.stream().mapToDouble(LoadReport::elapsedSeconds).max().orElse(0),
                reports.stream().mapToDouble(LoadReport::sessionsPerSecond).sum(),
                latency,
                reports.stream().mapToLong(LoadReport::openFileLimit).min().orElse(0),
                spanKnown ? began.toString() : "",
                spanKnown ? ended.toString() : "",
                encode(sums));
    }

    private static void sameRun(String what, Object expected, Object actual, String firstName, String name) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("Cannot merge " + name + " with " + firstName + ": their " + what
                    + " differ (" + actual + " and " + expected + "), so they were not one run.");
        }
    }

    /**
     * Each latency histogram (in microseconds) as HdrHistogram's compressed encoding in base64, the
     * encoding {@code HistogramLogWriter} writes, under its name, after the unit.
     */
    public static Map<String, String> encode(Map<String, ? extends AbstractHistogram> micros) {
        Map<String, String> encoded = new LinkedHashMap<>();
        encoded.put(UNIT_KEY, HISTOGRAM_UNIT);
        micros.forEach((name, h) -> {
            ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            int length = h.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
            encoded.put(name, Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length)));
        });
        return encoded;
    }

    /** The histograms, decoded, by latency name; empty for a report of an older generator. */
    public Map<String, Histogram> decodedHistograms() {
        return decodedHistograms("the report");
    }

    private Map<String, Histogram> decodedHistograms(String name) {
        Map<String, Histogram> decoded = new LinkedHashMap<>();
        histograms.forEach((latency, base64) -> {
            if (latency.equals(UNIT_KEY)) {
                return;
            }
            try {
                Histogram h = Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
                // a sum may reach past one run's range
                h.setAutoResize(true);
                decoded.put(latency, h);
            } catch (DataFormatException | RuntimeException e) {
                throw new IllegalArgumentException(
                        name + ": the histogram '" + latency + "' is not HdrHistogram's base64 encoding (" + e + ").",
                        e);
            }
        });
        return decoded;
    }

    /** The failures by cause in words, {@code 33168 refused, 200 closed early}; empty without failures. */
    public String failuresText() {
        return failures.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /** Every failure cause's count under its JSON key ({@code protocol_error} ...), in the report's order. */
    public Map<String, Long> failuresByKey() {
        Map<String, Long> byKey = new LinkedHashMap<>();
        failures.forEach((outcome, count) -> byKey.put(outcome.key(), count));
        return byKey;
    }

    /** Writes a double as the report always had it: three decimals, so sub-microsecond noise stays out. */
    private static final class ThreeDecimals extends StdSerializer<Double> {
        static final ThreeDecimals INSTANCE = new ThreeDecimals();

        private ThreeDecimals() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(String.format(Locale.ROOT, "%.3f", value));
            } else {
                gen.writeNull();
            }
        }
    }

    /** A failure cause as a JSON key: {@link Outcome#key()}. */
    static final class OutcomeKeyWriter extends JsonSerializer<Outcome> {
        @Override
        public void serialize(Outcome value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(value.key());
        }
    }

    /** A JSON key back to its failure cause; an unknown one fails the read. */
    static final class OutcomeKeyReader extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            for (Outcome cause : Outcome.failures()) {
                if (cause.key().equals(key)) {
                    return cause;
                }
            }
            return context.handleWeirdKey(
                    Outcome.class,
                    key,
                    "not a failure cause (%s)",
                    Outcome.failures().stream().map(Outcome::key).toList());
        }
    }

    public String toText() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "load: %s against %s (%s%s, transport %s), %s, concurrency %d%s%s",
                sessionsRequested > 0 ? sessionsRequested + " sessions" : "sessions for " + durationSeconds + " s",
                String.join(", ", targets),
                framing,
                latencyMillis.containsKey(HANDSHAKE) ? ", TLS" : "",
                transport,
                mode,
                concurrency,
                rate > 0 ? String.format(Locale.ROOT, ", rate %.0f/s", rate) : "",
                thinkMillis > 0 ? ", think " + thinkMillis + " ms" : ""));
        lines.add(String.format(
                Locale.ROOT,
                "completed   %d of %d started%s",
                completed,
                started,
                warmupSeconds > 0 ? " (after " + warmupSeconds + " s of warm-up, not counted)" : ""));
        String causes = failuresText();
        lines.add("failed      " + failed + (causes.isEmpty() ? "" : " (" + causes + ")"));
        lines.add("peak open   " + peakOpen + " connections"
                + (openFileLimit != Long.MAX_VALUE
                        ? " (this process may open " + openFileLimit + " files; each connection takes one)"
                        : ""));
        lines.add(String.format(
                Locale.ROOT, "throughput  %.0f sessions/s over %.2f s", sessionsPerSecond, elapsedSeconds));
        lines.add(String.format(
                Locale.ROOT, "%-12s %9s %9s %9s %9s %9s", "latency ms", "p50", "p90", "p99", "p99.9", "max"));
        latencyMillis.forEach((name, l) -> lines.add(String.format(
                Locale.ROOT,
                "%-12s %9.3f %9.3f %9.3f %9.3f %9.3f",
                name,
                l.p50(),
                l.p90(),
                l.p99(),
                l.p999(),
                l.max())));
        if (latencyMillis.containsKey(HANDSHAKE)) {
            lines.add("(handshake: from connected to the TLS handshake complete, a new handshake every session)");
        }
        if (rate > 0) {
            lines.add(
                    "(open loop: latency counts from each session's scheduled start, so a server that falls behind shows it)");
        }
        return String.join(System.lineSeparator(), lines);
    }
}
