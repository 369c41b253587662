package io.listlines.fuzz;

import io.listlines.testing.LeakCheck;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Seeded fuzzing with plain JUnit 5: the try loop, the seeds, the failure report, label statistics
 * and, registered with {@code @ExtendWith(Fuzz.class)} on a fuzz class, the leak check.
 *
 * <p>A property is a {@code @Test} that calls {@link #forAll}: it draws {@code tries} inputs, each
 * from its own {@link SplittableRandom}, and checks each. Try 0 is seeded with the base seed, the
 * later tries with seeds drawn from it, so that any try is replayed on its own as try 0 of a run
 * whose base seed is that try's seed. A failure stops the loop and names the test, the try, its
 * seed, the system properties that replay it and the input (byte arrays in hex, truncated).
 *
 * <p>System properties (surefire passes the {@code -D} options of the {@code mvn} command line on
 * to the test JVM):
 * <ul>
 * <li>{@code -Dlistlines.fuzz.tries=N} runs every property N times instead of the count it is
 *     sized with for CI;
 * <li>{@code -Dlistlines.fuzz.seed=S} sets the base seed (a long, as a failure prints it), or
 *     {@code random} for a fresh one, printed with each property's summary. Without it the base
 *     seed is {@link #DEFAULT_SEED}, so CI sees the same inputs on every run.
 * </ul>
 * A longer campaign (4,000 tries of every property take about two minutes; the time grows
 * linearly), and a replay:
 * <pre>
 * mvn verify -pl shared-protocol,netty-server -am -Dtest='*Fuzz*' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlistlines.fuzz.tries=4000 -Dlistlines.fuzz.seed=random
 * mvn verify -pl shared-protocol,netty-server -am -Dtest='FrameDecoderFuzzTest#randomBytesDecodeAsTheModelSays' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlistlines.fuzz.seed=-5048315117424853387 -Dlistlines.fuzz.tries=1
 * </pre>
 *
 * <p><b>The extension.</b> Before the class it installs {@link LeakCheck}'s recording detector and
 * checks that Netty's leak detector runs at PARANOID; after each test it collects leak reports
 * over a few rounds (the garbage collector hands lost buffers over in the background, so a single
 * pass right after thousands of tries can come too early and blame the next test) and fails the
 * test if a ByteBuf leaked; JUnit adds that report to a failing test's own error. (The
 * auto-detected {@link LeakCheck} still runs after it, and finds nothing left.)
 */
public final class Fuzz implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
    public static final String TRIES = "listlines.fuzz.tries";
    public static final String SEED = "listlines.fuzz.seed";
    /** The base seed when none is given. */
    public static final long DEFAULT_SEED = 0x115711e5L;
    /** Below this many tries the shares of labels are noise, and {@link Stats#requireShare} checks nothing. */
    public static final int COVERAGE_MIN_TRIES = 500;
    /** How many bytes of an array a report shows. */
    public static final int SHOWN_BYTES = 256;

    private static final int SHOWN_ELEMENTS = 64;
    private static final int SHOWN_CHARS = 8000;

    /** One fresh base seed per test JVM for {@code -Dlistlines.fuzz.seed=random}. */
    private static final long RANDOM_SEED = new SplittableRandom().nextLong();

    private static final ThreadLocal<String> TEST = new ThreadLocal<>();
    private static final ThreadLocal<Stats> STATS = new ThreadLocal<>();

    /** Checks one input; anything it throws fails the property. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Throwable;
    }

    // ---------------------------------------------------------------- the loop

    /**
     * Checks {@code property} on {@code tries} inputs (or {@code -Dlistlines.fuzz.tries}) drawn by
     * {@code generator}, stopping at the first failure; returns what {@link #collect} counted.
     */
    public static <T> Stats forAll(
            int tries, Function<? super RandomGenerator, ? extends T> generator, Property<? super T> property) {
        String test = TEST.get();
        if (test == null) {
            throw new IllegalStateException("Fuzz.forAll runs in a test of a class with @ExtendWith(Fuzz.class)");
        }
        int n = tries(tries);
        long base = baseSeed();
        Stats stats = new Stats(test, n, base);
        SplittableRandom seeds = new SplittableRandom(base);
        long started = System.nanoTime();
        STATS.set(stats);
        try {
            for (int i = 0; i < n; i++) {
                long seed = i == 0 ? base : seeds.nextLong();
                Object shown = "(none: drawing it failed)";
                try {
                    T input = generator.apply(new SplittableRandom(seed));
                    shown = input;
                    property.check(input);
                } catch (Throwable t) {
                    throw failure(test, i, n, base, seed, shown, t);
                }
            }
        } finally {
            STATS.remove();
        }
        stats.seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(stats);
        return stats;
    }

    /** The tries a property runs: {@code -Dlistlines.fuzz.tries} if given, else its own count. */
    public static int tries(int sizedForCi) {
        String tries = System.getProperty(TRIES, "").strip();
        return tries.isEmpty() ? sizedForCi : Integer.parseInt(tries);
    }

    /** {@code -Dlistlines.fuzz.seed}: a long, {@code random}, or (unset) {@link #DEFAULT_SEED}. */
    public static long baseSeed() {
        String seed = System.getProperty(SEED, "").strip();
        if (seed.isEmpty()) {
            return DEFAULT_SEED;
        }
        return seed.equalsIgnoreCase("random") ? RANDOM_SEED : Long.decode(seed);
    }

    private static AssertionError failure(
            String test, int i, int n, long base, long seed, Object input, Throwable cause) {
        String message = test + " failed on try " + (i + 1) + " of " + n + " (base seed " + base + ")\n"
                + "  replay: mvn verify -pl shared-protocol,netty-server -am -Dtest='" + test + "'"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + SEED + "=" + seed + " -D" + TRIES + "=1\n"
                + "  input:  " + show(input) + "\n"
                + "  error:  " + cause;
        return new AssertionError(message, cause);
    }

    // ---------------------------------------------------------------- statistics

    /** Counts {@code label} for the current try (one label per try); {@link Stats} shows the shares. */
    public static void collect(Object label) {
        collect("", label);
    }

    /** Counts {@code label} under {@code category} for the current try (one label per category and try). */
    public static void collect(String category, Object label) {
        Stats stats = STATS.get();
        if (stats == null) {
            throw new IllegalStateException("Fuzz.collect is called from a property that Fuzz.forAll runs");
        }
        stats.counts
                .computeIfAbsent(category, c -> new LinkedHashMap<>())
                .merge(String.valueOf(label), 1, Integer::sum);
    }

    /** How often each label came up in a property's tries. */
    public static final class Stats {
        private final String test;
        private final int tries;
        private final long baseSeed;
        private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        private double seconds;

        Stats(String test, int tries, long baseSeed) {
            this.test = test;
            this.tries = tries;
            this.baseSeed = baseSeed;
        }

        /** Fails unless more than {@code percent} of the tries were {@code label}; see {@link #COVERAGE_MIN_TRIES}. */
        public Stats requireShare(String label, double percent) {
            return requireShare("", label, percent);
        }

        /** Fails unless more than {@code percent} of the tries were {@code label} in {@code category}. */
        public Stats requireShare(String category, String label, double percent) {
            if (tries < COVERAGE_MIN_TRIES) {
                return this;
            }
            Map<String, Integer> labels = counts.getOrDefault(category, Map.of());
            int total = labels.values().stream().mapToInt(Integer::intValue).sum();
            double share = total == 0 ? 0 : 100.0 * labels.getOrDefault(label, 0) / total;
            if (!(share > percent)) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        "%s: only %.1f%% of the tries were \"%s\", expected more than %s%%; the generators no longer reach it often enough%n  %s",
                        test,
                        share,
                        label,
                        percent,
                        this));
            }
            return this;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT, "[fuzz] %s: %d tries in %.1f s, base seed %d", test, tries, seconds, baseSeed));
            counts.forEach((category, labels) -> {
                int total = labels.values().stream().mapToInt(Integer::intValue).sum();
                out.append(category.isEmpty() ? ";" : "; " + category + ":");
                List<Map.Entry<String, Integer>> sorted = new ArrayList<>(labels.entrySet());
                sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
                String sep = " ";
                for (Map.Entry<String, Integer> e : sorted) {
                    out.append(
                            String.format(Locale.ROOT, "%s%s %.0f%%", sep, e.getKey(), 100.0 * e.getValue() / total));
                    sep = ", ";
                }
            });
            return out.toString();
        }
    }

    // ---------------------------------------------------------------- showing inputs

    /** {@code (n bytes) hex}, the hex cut after {@link #SHOWN_BYTES} bytes. */
    public static String hex(byte[] bytes) {
        if (bytes.length <= SHOWN_BYTES) {
            return "(" + bytes.length + " bytes) " + HexFormat.of().formatHex(bytes);
        }
        return "(" + bytes.length + " bytes) " + HexFormat.of().formatHex(bytes, 0, SHOWN_BYTES) + "... ("
                + (bytes.length - SHOWN_BYTES) + " more)";
    }

    /** An input for a report: records by component, byte arrays in hex, strings escaped, all truncated. */
    public static String show(Object value) {
        StringBuilder out = new StringBuilder();
        show(value, out);
        return out.length() <= SHOWN_CHARS ? out.toString() : out.substring(0, SHOWN_CHARS) + "... (truncated)";
    }

    private static void show(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case byte[] bytes -> out.append(hex(bytes));
            case CharSequence text -> {
                out.append('"');
                text.codePoints().forEach(c -> {
                    if (c == '"' || c == '\\') {
                        out.append('\\').appendCodePoint(c);
                    } else if (c >= 0x20 && c < 0x7f) {
                        out.appendCodePoint(c);
                    } else if (c <= 0xffff) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\u{%x}", c));
                    }
                });
                out.append('"');
            }
            case Collection<?> items -> {
                out.append('[');
                int i = 0;
                for (Object item : items) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    if (i++ == SHOWN_ELEMENTS) {
                        out.append("... (")
                                .append(items.size() - SHOWN_ELEMENTS)
                                .append(" more)");
                        break;
                    }
                    show(item, out);
                }
                out.append(']');
            }
            case Record record -> {
                out.append(record.getClass().getSimpleName()).append('[');
                String sep = "";
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    out.append(sep).append(component.getName()).append('=');
                    try {
                        Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        show(accessor.invoke(record), out);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        out.append('?');
                    }
                    sep = ", ";
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    // ---------------------------------------------------------------- the extension

    @Override
    public void beforeAll(ExtensionContext context) {
        FuzzSupport.armLeakDetection();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TEST.set(context.getRequiredTestClass().getSimpleName() + "#"
                + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        TEST.remove();
        List<String> leaks = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Thread.sleep(5L * round);
            leaks.addAll(LeakCheck.collect());
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }
}
