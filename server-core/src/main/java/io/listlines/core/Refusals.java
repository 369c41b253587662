package io.listlines.core;

import io.listlines.runtime.HostPort;
import java.net.SocketAddress;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections refused before they get a session ({@link Admission}'s limits, {@link ProxyPolicy}'s
 * untrusted sources): each is counted by reason and logged as {@code Rejected connection: ADDR (why)},
 * at most once per key every {@value ThrottledLog#INTERVAL_SECONDS} s with how many were held back,
 * since a client can be refused as fast as it can connect. Thread-safe.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogger.NAME);

    private final ServerStats stats;
    private final ThrottledLog log = new ThrottledLog(LOG);

    Refusals(ServerStats stats) {
        this.stats = stats;
    }

    /**
     * Counts the refusal of {@code peer} as rejected for {@code reason} and logs it, unless a line
     * for {@code key} was logged within the interval; {@code why} is built only for a line written.
     */
    void refuse(SocketAddress peer, String reason, Object key, Supplier<String> why) {
        stats.countRejected(reason);
        log.warn(key, () -> "Rejected connection: " + HostPort.format(peer) + " (" + why.get() + ")");
    }
}
