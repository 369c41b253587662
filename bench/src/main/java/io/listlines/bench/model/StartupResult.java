package io.listlines.bench.model;

import java.util.List;

/**
 * One program's start-up through its launcher: {@code millis} are the measured runs in order (after the
 * unmeasured ones that make the class-data cache), the median what the report quotes; {@code error}
 * says why there are none.
 */
public record StartupResult(
        String program, String command, String until, List<Long> millis, long medianMillis, String error) {
    public static StartupResult of(String program, String command, String until, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return new StartupResult(program, command, until, List.copyOf(millis), sorted.get(sorted.size() / 2), null);
    }

    public static StartupResult failed(String program, String command, String error) {
        return new StartupResult(program, command, null, List.of(), -1, error);
    }
}
