package io.listlines.client;

import io.listlines.report.Outcome;
import java.util.List;

/**
 * One client session as it ended. Times are {@link System#nanoTime()} readings; {@code start} is
 * when the session was meant to begin (for open-loop load, its slot in the schedule), and a
 * stage never reached is 0.
 *
 * @param list       the decoded list, or null if none arrived
 * @param message    one sentence saying what went wrong, or null when complete
 * @param handshaken when the TLS handshake completed; 0 for plaintext or a handshake never completed
 */
public record SessionResult(
        Outcome outcome,
        List<Long> list,
        String message,
        long start,
        long connected,
        long handshaken,
        long firstFrame,
        long end) {

    public boolean isComplete() {
        return outcome == Outcome.COMPLETE;
    }
}
