package io.listlines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load report's JSON: the names and shape the bench (and anyone's scripts) read, and a loud failure on a gap. */
class LoadReportJsonTest {
    static LoadReport report() {
        Map<Outcome, Long> failures = new EnumMap<>(Outcome.class);
        long n = 0;
        for (Outcome o : Outcome.values()) {
            if (o != Outcome.COMPLETE) {
                failures.put(o, n++);
            }
        }
        Map<String, LoadReport.Latency> latencies = new LinkedHashMap<>();
        latencies.put("connect", new LoadReport.Latency(1.25, 2, 3, 4, 5, 100));
        latencies.put("firstFrame", new LoadReport.Latency(0, 0, 0, 0, 0, 0));
        latencies.put("session", new LoadReport.Latency(7.611, 14.199, 23.375, 33.951, 46.047, 50000));
        return new LoadReport(
                List.of("127.0.0.1:2727", "[::1]:2728"),
                "framed",
                "io_uring",
                "closed",
                100,
                0,
                12,
                50000,
                300,
                10,
                118526,
                50000,
                15,
                failures,
                100,
                4.1854,
                11948.80149,
                latencies,
                20000,
                "",
                "",
                Map.of());
    }

    /** What the report's own writer wrote before Jackson, byte for byte. */
    static final String JSON =
            "{\"targets\":[\"127.0.0.1:2727\",\"[::1]:2728\"],\"framing\":\"framed\",\"transport\":\"io_uring\","
                    + "\"mode\":\"closed\",\"concurrency\":100,\"rate\":0.000,\"thinkMillis\":12,\"sessionsRequested\":50000,"
                    + "\"durationSeconds\":300,\"warmupSeconds\":10,\"started\":118526,\"completed\":50000,\"failed\":15,"
                    + "\"failures\":{\"refused\":0,\"reset\":1,\"timeout\":2,\"protocol_error\":3,\"closed_early\":4,\"tls\":5,\"other\":6},"
                    + "\"peakOpen\":100,\"elapsedSeconds\":4.185,\"sessionsPerSecond\":11948.801,"
                    + "\"latencyMillis\":{\"connect\":{\"p50\":1.250,\"p90\":2.000,\"p99\":3.000,\"p99.9\":4.000,\"max\":5.000,\"count\":100},"
                    + "\"firstFrame\":{\"p50\":0.000,\"p90\":0.000,\"p99\":0.000,\"p99.9\":0.000,\"max\":0.000,\"count\":0},"
                    + "\"session\":{\"p50\":7.611,\"p90\":14.199,\"p99\":23.375,\"p99.9\":33.951,\"max\":46.047,\"count\":50000}},"
                    + "\"openFileLimit\":20000}";

    @Test
    void theJsonKeepsItsNamesOrderAndThreeDecimals() {
        assertEquals(JSON, report().toJson());
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameRecord() throws IOException {
        LoadReport read = LoadReport.fromJson(JSON);
        assertEquals(JSON, read.toJson());
        assertEquals(3L, read.failures().get(Outcome.PROTOCOL_ERROR));
        assertEquals(33.951, read.latencyMillis().get(LoadReport.SESSION).p999());
        assertEquals(
                List.of("refused", "reset", "timeout", "protocol_error", "closed_early", "tls", "other"),
                List.copyOf(read.failuresByKey().keySet()));
    }

    @Test
    void aMissingFieldFailsTheReadAndNamesTheField() {
        IOException e =
                assertThrows(IOException.class, () -> LoadReport.fromJson(JSON.replace("\"started\":118526,", "")));
        assertTrue(e.getMessage().contains("'started'"), e.getMessage());
        e = assertThrows(IOException.class, () -> LoadReport.fromJson(JSON.replace("\"p99\":23.375,", "")));
        assertTrue(e.getMessage().contains("'p99'"), e.getMessage());
    }

    @Test
    void aNullFieldFailsTheRead() {
        IOException e = assertThrows(
                IOException.class, () -> LoadReport.fromJson(JSON.replace("\"failed\":15", "\"failed\":null")));
        assertTrue(e.getMessage().contains("failed"), e.getMessage());
        e = assertThrows(
                IOException.class, () -> LoadReport.fromJson(JSON.replace("\"mode\":\"closed\"", "\"mode\":null")));
        assertTrue(e.getMessage().contains("mode"), e.getMessage());
    }

    @Test
    void aMissingFailureCauseOrLatencyFailsTheRead() {
        IOException e =
                assertThrows(IOException.class, () -> LoadReport.fromJson(JSON.replace(",\"closed_early\":4", "")));
        assertTrue(e.getMessage().contains("'closed_early'"), e.getMessage());
        e = assertThrows(
                IOException.class, () -> LoadReport.fromJson(JSON.replace("\"closed_early\"", "\"closed_late\"")));
        assertTrue(e.getMessage().contains("closed_late"), e.getMessage());
        String noFirstFrame = JSON.replaceAll("\"firstFrame\":\\{[^}]*},", "");
        e = assertThrows(IOException.class, () -> LoadReport.fromJson(noFirstFrame));
        assertTrue(e.getMessage().contains("'firstFrame'"), e.getMessage());
    }

    @Test
    void aReportWithoutHistogramsOrSpanStillReads() throws IOException {
        LoadReport read = LoadReport.fromJson(JSON);
        assertEquals("", read.startedAt());
        assertEquals(Map.of(), read.histograms());
        assertEquals(Map.of(), read.decodedHistograms());
    }

    @Test
    void anUnknownFieldFailsTheRead() {
        IOException e = assertThrows(
                IOException.class,
                () -> LoadReport.fromJson(JSON.replace("\"peakOpen\"", "\"peakOpened\":1,\"peakOpen\"")));
        assertTrue(e.getMessage().contains("peakOpened"), e.getMessage());
    }
}
