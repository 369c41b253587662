package io.listlines.bench.model;

/** One reading. {@code fds} is -1 when not counted this time; {@code cpuSeconds} is user + system. */
public record Sample(double t, long rssBytes, int threads, double cpuSeconds, int fds) {}
