package io.listlines.bench.model;

import java.util.List;

/** What a sampled stretch came to. */
public record SampleSummary(
        long peakRssBytes,
        int peakThreads,
        int peakFds,
        double cpuSecondsStart,
        double cpuSecondsEnd,
        List<Sample> series) {
    public double cpuSeconds() {
        return Math.max(0, cpuSecondsEnd - cpuSecondsStart);
    }
}
