package io.listlines.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One scrape of a server's {@code /metrics}: Prometheus' text exposition format (0.0.4, and the
 * OpenMetrics text it grew into) parsed into samples. The one reader of it for the soak and the
 * tests. A series is found by its name and the labels the caller cares about; other labels are
 * ignored, so a label added on the server's side does not break a reader. Values are doubles
 * ({@code 3} and {@code 3.0} alike). {@code # HELP}, {@code # EOF} and other comments are skipped;
 * {@code # TYPE} is kept ({@link #type}); a timestamp or exemplar after the value is ignored.
 */
public final class MetricsScrape {
    /** One line of the exposition: a metric name, its labels (in the order given) and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** Whether this is {@code name} with at least {@code labels} (any others too). */
        public boolean matches(String name, Map<String, String> labels) {
            return this.name.equals(name) && this.labels.entrySet().containsAll(labels.entrySet());
        }
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private MetricsScrape(List<Sample> samples, Map<String, String> types) {
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    /**
     * {@code GET endpoint}, parsed.
     *
     * @throws IOException if it cannot be reached, does not answer 200, or the body is not the text format
     */
    public static MetricsScrape fetch(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("answered HTTP " + response.statusCode());
        }
        try {
            return parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new IOException(endpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses an exposition.
     *
     * @throws IllegalArgumentException naming the line that is not a sample, a comment or empty
     */
    public static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] words = line.substring(1).strip().split("\\s+", 3);
                if (words.length == 3 && words[0].equals("TYPE")) {
                    types.put(words[1], words[2].strip());
                }
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "line " + (n + 1) + " is not a sample (" + e.getMessage() + "): " + line, e);
            }
        }
        return new MetricsScrape(samples, types);
    }

    /** {@code name}, {@code name{labels}}, then the value, then perhaps a timestamp or {@code # exemplar}. */
    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        String name = line.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code i} into {@code labels}; returns the index after the brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("labels not closed");
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("a label without =\"value\"");
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                throw new IllegalArgumentException("label " + key + " not closed");
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Every sample, in the order served. */
    public List<Sample> samples() {
        return samples;
    }

    /** The series named {@code name} that carry at least {@code labels}. */
    public List<Sample> series(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.matches(name, labels)).toList();
    }

    /**
     * The value of {@code name} with at least {@code labels}: the sum of the series that match (one,
     * unless the server splits it by a label the caller did not ask about); empty if none does.
     */
    public OptionalDouble value(String name, Map<String, String> labels) {
        List<Sample> matching = series(name, labels);
        return matching.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(matching.stream().mapToDouble(Sample::value).sum());
    }

    /** {@code name}'s values summed by the value of one label ({@code outcome} → complete, incomplete ...). */
    public Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Sample s : samples) {
            String key = s.labels().get(label);
            if (s.name().equals(name) && key != null) {
                sums.merge(key, s.value(), Double::sum);
            }
        }
        return sums;
    }

    /**
     * The {@code # TYPE} of the family {@code name} belongs to: given for the name itself, or, as
     * OpenMetrics writes counters, for the name without its {@code _total}.
     */
    public Optional<String> type(String name) {
        String type = types.get(name);
        if (type == null && name.endsWith("_total")) {
            type = types.get(name.substring(0, name.length() - "_total".length()));
        }
        return Optional.ofNullable(type);
    }
}
