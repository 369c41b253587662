package io.listlines.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, before anything is built for it, whether a new connection gets a session: beyond
 * {@code --max-connections} open at once, or {@code --max-connections-per-address} open from its
 * source address, it is refused, and the server closes it at once. Every refusal is counted by
 * limit; the log says so at most once per limit (per address) every
 * {@value ThrottledLog#INTERVAL_SECONDS} s, with how many were held back ({@link Refusals}).
 * Every model asks here first; as a {@link SessionListener} it frees the address's slot when the
 * session closes. Thread-safe.
 */
public final class Admission implements SessionListener {
    static final String MAX_CONNECTIONS = "max_connections";
    static final String MAX_CONNECTIONS_PER_ADDRESS = "max_connections_per_address";

    private final ServerStats stats;
    private final int maxConnections;
    private final int maxPerAddress;
    /** Connections open by source address, only with a per-address limit. */
    private final Map<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();

    private final Refusals refusals;

    /**
     * @param maxConnections connections open at once before new ones are refused; 0 for no limit
     * @param maxPerAddress  connections open at once from one source address; 0 for no limit
     */
    public Admission(ServerStats stats, int maxConnections, int maxPerAddress) {
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.refusals = new Refusals(stats);
    }

    /** Counts the connection from {@code peer} in and returns true, or refuses it (counted, logged) and returns false. */
    public boolean admit(SocketAddress peer) {
        stats.countAccepted();
        return admitAccepted(peer);
    }

    /**
     * Decides for a connection already counted in ({@link ProxyPolicy#accept}): with {@code --proxy-protocol}
     * the limits apply once the header has named the peer, so that {@code --max-connections-per-address}
     * counts the clients behind a balancer, not the balancer.
     */
    boolean admitAccepted(SocketAddress peer) {
        InetAddress address = maxPerAddress > 0 ? addressOf(peer) : null;
        if (address != null && !takeSlot(address)) {
            refusals.refuse(
                    peer,
                    MAX_CONNECTIONS_PER_ADDRESS,
                    address,
                    () -> maxPerAddress + " connections open from " + address.getHostAddress()
                            + ", the --max-connections-per-address limit");
            return false;
        }
        if (!stats.tryOpen(maxConnections)) {
            if (address != null) {
                freeSlot(address);
            }
            refusals.refuse(
                    peer,
                    MAX_CONNECTIONS,
                    MAX_CONNECTIONS,
                    () -> maxConnections + " connections open, the --max-connections limit");
            return false;
        }
        return true;
    }

    @Override
    public void closed(ServerSession session) {
        if (maxPerAddress > 0) {
            InetAddress address = addressOf(session.peerAddress());
            if (address != null) {
                freeSlot(address);
            }
        }
    }

    private boolean takeSlot(InetAddress address) {
        boolean[] taken = {false};
        openByAddress.compute(address, (a, open) -> {
            int now = open == null ? 0 : open;
            if (now >= maxPerAddress) {
                return open;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void freeSlot(InetAddress address) {
        openByAddress.computeIfPresent(address, (a, open) -> open > 1 ? open - 1 : null);
    }

    private static InetAddress addressOf(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
