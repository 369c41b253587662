package io.listlines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Several generators' reports as one, exactly, as {@code netty-client merge} and the bench's {@code --processes} take them. */
class LoadReportMergeTest {
    /** A generator's report whose histograms hold {@code sessions} random latencies, as {@code load} writes it. */
    static LoadReport generated(long seed, int sessions, String framing, String startedAt, String endedAt) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Histogram> micros = new LinkedHashMap<>();
        for (String name : LoadReport.LATENCIES) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            for (int i = 0; i < sessions; i++) {
                // mostly fast, a long tail: what a loaded server gives
                h.recordValue(
                        random.nextInt(100) < 99 ? random.nextLong(200, 5_000) : random.nextLong(5_000, 2_000_000));
            }
            micros.put(name, h);
        }
        Map<String, LoadReport.Latency> latency = new LinkedHashMap<>();
        micros.forEach((name, h) -> latency.put(name, LoadReport.Latency.of(h)));
        Map<Outcome, Long> failures = new EnumMap<>(Outcome.class);
        Outcome.failures().forEach(cause -> failures.put(cause, seed));
        long failed = seed * Outcome.failures().size();
        return new LoadReport(
                List.of("127.0.0.1:2727"),
                framing,
                "epoll",
                "closed",
                100,
                0,
                0,
                sessions,
                0,
                0,
                sessions + failed,
                sessions,
                failed,
                failures,
                100,
                2.0,
                sessions / 2.0,
                latency,
                20_000,
                startedAt,
                endedAt,
                LoadReport.encode(micros));
    }

    @Test
    void theMergedPercentilesAreThoseOfAllValuesTogetherAndTheCountsAddUp() {
        LoadReport a = generated(1, 20_000, "framed", "2026-12-07T15:00:00Z", "2026-12-07T15:00:02Z");
        LoadReport b = generated(2, 5_000, "framed", "2026-12-07T15:00:00.500Z", "2026-12-07T15:00:03Z");

        LoadReport both = LoadReport.merge(List.of(a, b));

        for (String name : LoadReport.LATENCIES) {
            Histogram all = a.decodedHistograms().get(name).copy();
            all.add(b.decodedHistograms().get(name));
            assertEquals(LoadReport.Latency.of(all), both.latencyMillis().get(name), name);
            assertEquals(all, both.decodedHistograms().get(name), name + ": the sum is in the merged report");
        }
        assertEquals(25_000, both.latencyMillis().get(LoadReport.SESSION).count());
        assertEquals(25_000, both.completed());
        assertEquals(3L * Outcome.failures().size(), both.failed());
        assertEquals(3L, both.failures().get(Outcome.RESET));
        assertEquals(25_000 + 3L * Outcome.failures().size(), both.started());
        assertEquals(200, both.concurrency());
        assertEquals(200, both.peakOpen(), "each generator's peak: they hold together");
        assertEquals(12_500, both.sessionsPerSecond(), 1e-9);
        assertEquals("2026-12-07T15:00:00Z", both.startedAt(), "the earliest start");
        assertEquals("2026-12-07T15:00:03Z", both.endedAt(), "the latest end");
        assertEquals(LoadReport.HISTOGRAM_UNIT, both.histograms().get(LoadReport.UNIT_KEY));
    }

    @Test
    void reportsOfDifferentRunsAreRefusedWithOneSentence() {
        LoadReport framed = generated(1, 100, "framed", "", "");
        LoadReport raw = generated(2, 100, "raw", "", "");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LoadReport.merge(List.of(framed, raw), List.of("a.json", "b.json")));
        assertEquals(
                "Cannot merge b.json with a.json: their framing differ (raw and framed), so they were not one run.",
                e.getMessage());
    }

    @Test
    void aReportWithoutHistogramsIsRefused() {
        LoadReport old = LoadReportJsonTest.report();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LoadReport.merge(List.of(generated(1, 100, "framed", "", ""), old)));
        assertTrue(e.getMessage().contains("report 2 has no histograms"), e.getMessage());
    }

    @Test
    void oneReportIsItself() {
        LoadReport a = LoadReportJsonTest.report();
        assertSame(a, LoadReport.merge(List.of(a)));
    }

    @Test
    void aReportWithItsHistogramsReadsBackAndStaysSmall() throws IOException {
        LoadReport a = generated(7, 100_000, "framed", "2026-12-07T15:00:00Z", "2026-12-07T15:00:02Z");
        String json = a.toJson();
        LoadReport read = LoadReport.fromJson(json);
        assertEquals(a, read);
        assertEquals(a.decodedHistograms(), read.decodedHistograms());
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        System.out.println("a report with 3 histograms of 100,000 values each: " + bytes + " bytes of JSON");
        assertTrue(bytes <= 64 * 1024, bytes + " bytes");

        // for the record, not a bound: values spread evenly over every decade from 1 us to an hour
        SplittableRandom random = new SplittableRandom(1);
        Histogram spread = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < 1_000_000; i++) {
            spread.recordValue((long) Math.pow(10, random.nextDouble() * Math.log10(3_600_000_000.0)));
        }
        System.out.println("one histogram of 1,000,000 values spread from 1 us to 1 h: "
                + LoadReport.encode(Map.of("session", spread)).get("session").length() + " bytes of base64");
    }

    @Test
    void sixtyFourReportsMergeWithinASecond() throws IOException {
        List<LoadReport> reports = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // as the merge command gets them: from their JSON
            reports.add(
                    LoadReport.fromJson(generated(i, 10_000, "framed", "", "").toJson()));
        }
        LoadReport.merge(reports); // warm-up
        long began = System.nanoTime();
        LoadReport all = LoadReport.merge(reports);
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("merging 64 reports took %.3f s%n", seconds);
        assertEquals(640_000, all.completed());
        assertTrue(seconds <= 1, seconds + " s");
    }
}
