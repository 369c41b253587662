package io.listlines.core;

import io.listlines.protocol.Lines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article's log lines for every session, on every server model: {@code Received connection:
 * ADDR}, each line, {@code Closed connection: ADDR (outcome)}, one set per connection by design.
 * With {@code quiet} (for benchmarks) only sessions that end in an error are logged, at most one
 * line per kind of error every {@value ThrottledLog#INTERVAL_SECONDS} s with a count of those held
 * back (the counters count them all): the same switch on every model.
 * Stateless apart from the switch, so one serves every session of a server.
 */
public final class SessionLogger implements SessionListener {
    /** The logger of the per-session lines (tests capture it by this name). */
    public static final String NAME = "io.listlines.session";

    private static final Logger LOG = LoggerFactory.getLogger(NAME);

    private final boolean quiet;
    /** Under --quiet, the one per-connection line left, an error, is throttled by kind: a flood of bad clients stays a few lines. */
    private final ThrottledLog quietErrors = new ThrottledLog(LOG);

    public SessionLogger(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public void opened(ServerSession session) {
        if (!quiet) {
            LOG.info("Received connection: {}", session.peer());
        }
    }

    @Override
    public void line(ServerSession session, String line) {
        if (!quiet) {
            LOG.info("{}: {}", session.peer(), Lines.printable(line));
        }
    }

    @Override
    public void closed(ServerSession session) {
        if (session.outcome() != ServerSession.Outcome.ERROR) {
            if (!quiet) {
                LOG.info("Closed connection: {} ({})", session.peer(), session.describeOutcome());
            }
        } else if (session.internalCause() != null) {
            // Not the peer's doing but ours: the one case worth a stack trace.
            LOG.warn("Closed connection: {} ({})", session.peer(), session.describeOutcome(), session.internalCause());
        } else if (quiet) {
            quietErrors.warn(
                    session.errorKind(),
                    () -> "Closed connection: " + session.peer() + " (" + session.describeOutcome() + ")");
        } else {
            LOG.warn("Closed connection: {} ({})", session.peer(), session.describeOutcome());
        }
    }
}
