package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --histogram-log}: a log that HdrHistogram's own reader reads, interval by interval, tag by tag. */
class HistogramIntervalLogTest {
    @Test
    void hdrHistogramsOwnReaderReadsEveryValueUnderItsTag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.hlog");
        try (HistogramIntervalLog log =
                new HistogramIntervalLog(file, List.of("connect", "session"), LoadGenerator.HIGHEST_MICROS)) {
            for (int i = 1; i <= 100; i++) {
                log.record("connect", i);
                log.record("session", 1000L * i);
                log.record("handshake", 5); // not logged: no TLS
            }
            Thread.sleep(1100); // one interval written by the ticker
            log.record("session", 7);
        }

        Map<String, Histogram> byTag = new HashMap<>();
        int intervals = 0;
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
            intervals++;
            assertTrue(h.getEndTimeStamp() >= h.getStartTimeStamp());
            byTag.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add((Histogram) h);
        }
        reader.close();
        assertEquals(
                Map.of("connect", 100L, "session", 101L),
                Map.of(
                        "connect",
                        byTag.get("connect").getTotalCount(),
                        "session",
                        byTag.get("session").getTotalCount()));
        assertEquals(100_000, byTag.get("session").getMaxValue(), 100);
        assertTrue(intervals >= 4, "two tags, at least two intervals: " + intervals);
        assertTrue(reader.getStartTimeSec() > 0, "the log says when it began");
    }
}
