package io.listlines.core;

import io.listlines.protocol.Lines;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every server model reports its sessions, with the article's log lines: {@code Received
 * connection: ADDR}, each line, {@code Closed connection: ADDR (outcome)}. With {@code quiet}
 * (for benchmarks) only errors are logged, the same switch for every model. Thread-safe.
 */
public final class SessionLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.listlines.session");

    private final boolean quiet;
    private final int idleTimeoutSeconds;
    private final ServerStats stats;

    public SessionLog(boolean quiet, int idleTimeoutSeconds) {
        this(quiet, idleTimeoutSeconds, new ServerStats(0));
    }

    public SessionLog(boolean quiet, int idleTimeoutSeconds, ServerStats stats) {
        this.quiet = quiet;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.stats = stats;
    }

    public ServerStats stats() {
        return stats;
    }

    /**
     * Admits a new connection, or refuses it when {@code --max-connections} are open: then it is
     * counted and logged, and the caller closes it at once without a session.
     */
    public boolean admit(SocketAddress peer) {
        if (stats.admit()) {
            return true;
        }
        LOG.warn("Rejected connection: {} ({} connections open, the --max-connections limit)", peer(peer), stats.maxConnections());
        return false;
    }

    /** A new session for an admitted connection from {@code peer}. */
    public ServerSession open(SocketAddress peer) {
        ServerSession session = new ServerSession(this, peer);
        session.opened();
        return session;
    }

    /** A peer as the log lines name it: {@code 127.0.0.1:53422}, {@code [::1]:53422}. */
    public static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    int idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    void opened(ServerSession session) {
        if (!quiet) {
            LOG.info("Received connection: {}", session.peer());
        }
    }

    void line(ServerSession session, String line) {
        stats.line();
        if (!quiet) {
            LOG.info("{}: {}", session.peer(), Lines.printable(line));
        }
    }

    void closed(ServerSession session) {
        stats.closed(session.outcome(), session.errorKind());
        if (session.outcome() == ServerSession.Outcome.ERROR) {
            LOG.warn("Closed connection: {} ({})", session.peer(), session.describeOutcome());
        } else if (!quiet) {
            LOG.info("Closed connection: {} ({})", session.peer(), session.describeOutcome());
        }
    }
}
