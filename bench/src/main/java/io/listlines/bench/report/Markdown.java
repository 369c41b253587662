package io.listlines.bench.report;

import io.listlines.bench.analysis.Notes;
import io.listlines.bench.model.Run;
import java.util.Locale;

/** How results.md writes numbers: what every section shares. */
public final class Markdown {
    private Markdown() {}

    /** A count with thousands separators; {@code ?} for a negative one (not known). */
    public static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    /** Failed sessions, with their causes when there are some. */
    public static String failed(Run run) {
        return run.failed() == 0 ? "0" : count(run.failed()) + " (" + Notes.causes(run.failures()) + ")";
    }

    /** A multiple, {@code 1.15x}; {@code -} for 0 (not measured). */
    public static String multiple(double ratio) {
        return ratio > 0 ? f("%.2fx", ratio) : "-";
    }

    /**
     * The longest collector pause of a run's server, {@code 3.2 ms}; {@code none} if it collected nothing
     * meanwhile; {@code -} without a GC log (no JVM, older results).
     */
    public static String gcPause(Run run) {
        Double millis = run.longestGcPauseMillis();
        return millis == null ? "-" : millis == 0 ? "none" : f("%.1f ms", millis);
    }

    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
