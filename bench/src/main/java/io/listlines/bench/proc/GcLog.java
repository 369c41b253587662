package io.listlines.bench.proc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java server's collector pauses, as its JVM logs them with {@code -Xlog:gc:file=FILE} (unified
 * logging at info level: one line per collection, {@code [1.234s][info][gc] GC(7) Pause Young
 * (Allocation Failure) 20M->5M(96M) 1.234ms}). The bench passes the option to every Java server it
 * starts, to observe, not to tune: it changes nothing the collector does. A step's pauses are the
 * lines its server logged while the step ran, read from where each file ended when it began
 * ({@link #mark}).
 */
public final class GcLog {
    /** A pause line's duration: "Pause ..." and, at the line's end, "N.NNNms". */
    private static final Pattern PAUSE = Pattern.compile("\\bPause\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {}

    /** The JVM option that logs the collector's pauses to {@code file}. */
    public static String option(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    /** Where the GC log of a server that logs to {@code serverLog} goes: {@code gc-NAME.log} beside it. */
    public static Path beside(Path serverLog) {
        String name = serverLog.getFileName().toString();
        return serverLog.resolveSibling("gc-" + (name.endsWith(".log") ? name : name + ".log"));
    }

    /** The longest pause among {@code text}'s lines, in milliseconds; empty if it has none. */
    public static OptionalDouble longestPauseMillis(String text) {
        return text.lines()
                .map(PAUSE::matcher)
                .filter(Matcher::find)
                .mapToDouble(m -> Double.parseDouble(m.group(1)))
                .max();
    }

    /** Where each of {@code files} ends now: a step's pauses are those logged after. */
    public static Mark mark(List<Path> files) {
        List<Long> offsets = new ArrayList<>();
        for (Path file : files) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = 0; // not written yet: everything it gets is the step's
            }
            offsets.add(size);
        }
        return new Mark(List.copyOf(files), List.copyOf(offsets));
    }

    /** The ends of some GC logs at a moment; null-free. */
    public record Mark(List<Path> files, List<Long> offsets) {
        /**
         * The longest pause logged in any of the files since the mark, in milliseconds (0 if none was);
         * null if there are no files (a server that is no JVM) or none could be read.
         */
        public Double longestPauseMillis() {
            double longest = 0;
            boolean read = false;
            for (int i = 0; i < files.size(); i++) {
                try (RandomAccessFile in = new RandomAccessFile(files.get(i).toFile(), "r")) {
                    long from = Math.min(offsets.get(i), in.length());
                    byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, in.length() - from)];
                    in.seek(from);
                    in.readFully(bytes);
                    longest = Math.max(
                            longest,
                            GcLog.longestPauseMillis(new String(bytes, StandardCharsets.UTF_8))
                                    .orElse(0));
                    read = true;
                } catch (IOException e) {
                    // no log (the JVM could not write it): nothing to say about this process
                }
            }
            return read ? longest : null;
        }
    }
}
