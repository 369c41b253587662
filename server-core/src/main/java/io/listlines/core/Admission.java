package io.listlines.core;

import io.listlines.runtime.HostPort;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before anything is built for it, whether a new connection gets a session: beyond
 * {@code --max-connections} open at once it is refused, counted and logged, and the server
 * closes it at once. Every model asks here first. Thread-safe.
 */
public final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogger.NAME);

    private final ServerStats stats;
    private final int maxConnections;

    /** @param maxConnections connections open at once before new ones are refused; 0 for no limit */
    public Admission(ServerStats stats, int maxConnections) {
        this.stats = stats;
        this.maxConnections = maxConnections;
    }

    /** Counts the connection from {@code peer} in and returns true, or refuses it (counted, logged) and returns false. */
    public boolean admit(SocketAddress peer) {
        if (stats.admit(maxConnections)) {
            return true;
        }
        LOG.warn("Rejected connection: {} ({} connections open, the --max-connections limit)", HostPort.format(peer), maxConnections);
        return false;
    }
}
