package io.listlines.core;

/**
 * What a {@link ServerSession} reports as it goes: the log, the counters and the metrics each
 * listen. Called on the session's own thread (its event loop, or its blocking thread), so a
 * listener shared by many sessions must be thread-safe.
 */
public interface SessionListener {
    /** A connection was admitted and its session began. */
    default void opened(ServerSession session) {}

    /** The session read one of its ten lines. */
    default void line(ServerSession session, String line) {}

    /** The connection is gone; called once, with the outcome final. */
    default void closed(ServerSession session) {}

    /** One listener that tells each of {@code listeners}, in order. */
    static SessionListener all(SessionListener... listeners) {
        SessionListener[] each = listeners.clone();
        return new SessionListener() {
            @Override
            public void opened(ServerSession session) {
                for (SessionListener listener : each) {
                    listener.opened(session);
                }
            }

            @Override
            public void line(ServerSession session, String line) {
                for (SessionListener listener : each) {
                    listener.line(session, line);
                }
            }

            @Override
            public void closed(ServerSession session) {
                for (SessionListener listener : each) {
                    listener.closed(session);
                }
            }
        };
    }
}
