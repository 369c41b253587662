package io.listlines.bench.model;

/** One run of the minimal C client: what it printed (its one line of JSON), and what went wrong, if anything. */
public record CClientRun(long completed, long failed, double elapsedSeconds, double sessionsPerSecond, String error) {}
