package io.listlines.client;

/** Hears what happens to a client session; called on the session's event loop. */
public interface SessionListener {
    /** The TCP connection is established. */
    default void connected() {}

    /** The session ended; called exactly once per session, connected or not. */
    void ended(SessionResult result);
}
