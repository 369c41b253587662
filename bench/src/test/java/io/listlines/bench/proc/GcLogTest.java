package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's pauses read from a JVM's {@code -Xlog:gc} file, and only those of a step. */
class GcLogTest {
    /** As Java 25's serial collector logs them at info level, with a line that is no pause. */
    private static final String LOG = """
            [0.005s][info][gc] Using Serial
            [1.204s][info][gc] GC(0) Pause Young (Allocation Failure) 14M->2M(91M) 1.873ms
            [3.518s][info][gc] GC(1) Pause Young (Allocation Failure) 16M->3M(91M) 0.912ms
            [9.100s][info][gc] GC(2) Pause Full (Allocation Failure) 90M->31M(91M) 48.250ms
            """;

    @Test
    void theLongestPauseOfTheLinesIsTheirLargestMilliseconds() {
        assertEquals(OptionalDouble.of(48.25), GcLog.longestPauseMillis(LOG));
        assertEquals(
                OptionalDouble.of(2.5),
                GcLog.longestPauseMillis("[1.0s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) "
                        + "24M->3M(256M) 2.500ms\n[1.1s][info][gc] GC(4) Pause Remark 20M->20M(256M) 1ms"));
        assertTrue(GcLog.longestPauseMillis("[0.005s][info][gc] Using Serial\n").isEmpty(), "no pause, none");
    }

    @Test
    void theOptionAndTheFileBesideTheServersLog() {
        Path log = Path.of("/tmp/run/logs/netty-epoll-server-burst.log");
        assertEquals(Path.of("/tmp/run/logs/gc-netty-epoll-server-burst.log"), GcLog.beside(log));
        assertEquals(Path.of("/tmp/run/logs/gc-held-1.log"), GcLog.beside(Path.of("/tmp/run/logs/held-1")));
        assertEquals("-Xlog:gc:file=/tmp/x/gc-a.log", GcLog.option(Path.of("/tmp/x/gc-a.log")));
    }

    @Test
    void aStepHasThePausesLoggedSinceItsMarkInAnyOfItsFiles(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("gc-one.log");
        Path two = dir.resolve("gc-two.log");
        Files.writeString(one, LOG);
        GcLog.Mark mark = GcLog.mark(List.of(one, two)); // two not written yet
        assertEquals(0.0, mark.longestPauseMillis(), "nothing since the mark: no pause, not the 48 ms before it");
        Files.writeString(
                one,
                "[10.0s][info][gc] GC(3) Pause Young (Allocation Failure) 16M->3M(91M) 1.100ms\n",
                StandardOpenOption.APPEND);
        Files.writeString(two, "[2.0s][info][gc] GC(0) Pause Young (Allocation Failure) 14M->2M(91M) 7.400ms\n");
        assertEquals(7.4, mark.longestPauseMillis());
    }

    @Test
    void withoutAGcLogThereIsNothingToSay(@TempDir Path dir) {
        assertNull(GcLog.mark(List.of()).longestPauseMillis(), "a server that is no JVM");
        assertNull(GcLog.mark(List.of(dir.resolve("never-written.log"))).longestPauseMillis(), "a JVM that wrote none");
    }
}
