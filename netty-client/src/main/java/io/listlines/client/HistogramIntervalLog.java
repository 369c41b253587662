package io.listlines.client;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * {@code load --histogram-log}: each latency's values of each second, as an HdrHistogram interval log
 * (what {@link HistogramLogWriter} writes, each interval tagged with its latency's name), so that a run
 * can be plotted over time with HdrHistogram's own tools and the logs of many generators joined.
 * Recording is wait-free ({@link Recorder}); one daemon thread writes an interval a second.
 */
final class HistogramIntervalLog implements AutoCloseable {
    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
    private final HistogramLogWriter writer;
    private final Thread ticker;
    private long intervalStart;

    /**
     * Opens {@code file} and writes the log's header; values recorded from now on go to intervals.
     *
     * @throws FileNotFoundException when the file cannot be written
     */
    HistogramIntervalLog(Path file, List<String> tags, long highestMicros) throws FileNotFoundException {
        for (String tag : tags) {
            recorders.put(tag, new Recorder(highestMicros, 3));
        }
        writer = new HistogramLogWriter(new PrintStream(file.toFile()));
        intervalStart = System.currentTimeMillis();
        writer.outputComment("netty-client load: latencies in microseconds, one interval a second, tagged by latency");
        writer.outputLogFormatVersion();
        writer.outputStartTime(intervalStart);
        writer.setBaseTime(intervalStart);
        writer.outputLegend();
        ticker = Thread.ofPlatform().daemon(true).name("histogram-log").start(() -> {
            try {
                while (true) {
                    Thread.sleep(TimeUnit.SECONDS.toMillis(1));
                    writeInterval();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /** Records one value of the latency {@code tag}; a tag not logged is ignored. */
    void record(String tag, long micros) {
        Recorder recorder = recorders.get(tag);
        if (recorder != null) {
            recorder.recordValue(micros);
        }
    }

    private synchronized void writeInterval() {
        long end = System.currentTimeMillis();
        recorders.forEach((tag, recorder) -> {
            Histogram interval = recorder.getIntervalHistogram();
            interval.setTag(tag);
            interval.setStartTimeStamp(intervalStart);
            interval.setEndTimeStamp(end);
            writer.outputIntervalHistogram(interval);
        });
        intervalStart = end;
    }

    /** Writes the last (partial) interval and closes the file. */
    @Override
    public void close() throws InterruptedException {
        ticker.interrupt();
        ticker.join();
        writeInterval();
        writer.close();
    }
}
