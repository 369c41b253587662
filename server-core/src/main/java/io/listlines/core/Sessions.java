package io.listlines.core;

import java.net.SocketAddress;

/**
 * Opens the sessions of one server, each reporting to the server's listeners: the log lines,
 * the counters and whatever else the server adds (metrics). Thread-safe.
 */
public final class Sessions {
    private final SessionListener listener;
    private final int idleTimeoutSeconds;

    /**
     * @param idleTimeoutSeconds the server's idle timeout, for the reason an idle session gives
     * @param listeners          told of every session, in order
     */
    public Sessions(int idleTimeoutSeconds, SessionListener... listeners) {
        this.listener = SessionListener.all(listeners);
        this.idleTimeoutSeconds = idleTimeoutSeconds;
    }

    /** A new session for an admitted connection from {@code peer}. */
    public ServerSession open(SocketAddress peer) {
        return open(peer, false);
    }

    /** A new session, a PROXY protocol LOCAL one ({@code local}) counted apart from the clients'. */
    ServerSession open(SocketAddress peer, boolean local) {
        ServerSession session = new ServerSession(listener, idleTimeoutSeconds, peer, local);
        listener.opened(session);
        return session;
    }
}
