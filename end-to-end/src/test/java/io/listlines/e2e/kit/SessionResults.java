package io.listlines.e2e.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.listlines.client.SessionResult;
import java.util.List;

/** Assertions on the sessions a client ran. */
public final class SessionResults {
    private SessionResults() {}

    /** Every one of {@code results}, {@code expected} in all, completed; else the first failure's message. */
    public static void assertAllComplete(long expected, List<SessionResult> results) {
        assertEquals(
                expected,
                results.stream().filter(SessionResult::isComplete).count(),
                () -> results.stream()
                        .filter(r -> !r.isComplete())
                        .findFirst()
                        .map(SessionResult::message)
                        .orElse(""));
    }
}
