package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Slow clients held at once, {@code thinkMillis} before each line, {@code rate} new connections a
 * second (0: all at once) for {@code durationSeconds}. {@code peakOpen} is the generator's most
 * connections open at once; {@code serverConnectionsPeak} the server's open files above its idle count
 * at the peak; {@code rssPerConnectionBytes} the server's peak RSS above idle over {@code peakOpen}.
 */
public record HeldResult(
        int level,
        int thinkMillis,
        double rate,
        int durationSeconds,
        long peakOpen,
        long serverConnectionsPeak,
        long idleRssBytes,
        int idleThreads,
        int idleFds,
        int peakFds,
        double rssPerConnectionBytes,
        List<Sample> samples,
        @JsonUnwrapped Run run) {

    /**
     * {@code level} held with {@code thinkMillis}, {@code rate} and {@code durationSeconds}, as
     * {@code run} went, the server's state before it {@code idle} (null if it could not be read) and
     * its samples meanwhile {@code server} (null: none).
     */
    public static HeldResult of(
            int level, int thinkMillis, double rate, int durationSeconds, Sample idle, SampleSummary server, Run run) {
        long peakOpen = run.generator() != null ? run.generator().peakOpen() : 0;
        long idleRss = idle == null ? 0 : idle.rssBytes();
        int idleFds = idle == null ? 0 : Math.max(0, idle.fds());
        int peakFds = server == null ? 0 : server.peakFds();
        return new HeldResult(
                level,
                thinkMillis,
                rate,
                durationSeconds,
                peakOpen,
                server == null ? 0 : Math.max(0, peakFds - idleFds),
                idleRss,
                idle == null ? 0 : idle.threads(),
                idleFds,
                peakFds,
                peakOpen > 0 ? Math.round((double) (run.peakRssBytes() - idleRss) / peakOpen) : 0,
                server == null ? List.of() : server.series(),
                run);
    }

    /** The generator finished its run and completed sessions (whether or not the level was held). */
    public boolean endedWell() {
        return run.endedWell();
    }

    /** The table's word for it: {@code held}, {@code not held} (it ended well, but not every client was served), or its status. */
    public String verdict() {
        return heldAll() ? "held" : endedWell() ? "not held" : run.status().toString();
    }

    /** Every client of the level was open at once, and no session failed. */
    public boolean heldAll() {
        return endedWell() && peakOpen >= level && run.failed() == 0;
    }
}
