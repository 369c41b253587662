package io.listlines.core;

import io.listlines.protocol.Protocol;
import io.listlines.protocol.ProtocolException;
import io.listlines.runtime.HostPort;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * The server side of one session: the rules every server model follows, whatever drives it.
 * The Netty {@code SessionHandler} and the blocking session loop report {@link #line} for each
 * line read, {@link #failed} or {@link #idle} when the connection is ending for a reason, and
 * {@link #closed} once it is gone; this class decides when the session is complete and what its
 * outcome is, and tells its {@link SessionListener} (log, counters, metrics). Confined to one
 * thread at a time.
 */
public final class ServerSession {
    /** How a session ended. */
    public enum Outcome {
        COMPLETE,
        INCOMPLETE,
        ERROR;

        /** The label counters and metrics use: {@code complete}, {@code incomplete}, {@code error}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the session stands; only {@link #READING} takes lines or a reason to end. */
    private enum State {
        /** Reading lines, fewer than ten so far. */
        READING,
        /** Ten lines read: the server closes. */
        COMPLETE,
        /** The peer went away early (reset, end of stream): incomplete, and nothing after is its fault. */
        PEER_GONE,
        /** A protocol error, idleness or an internal error ended it: {@link #error} says which. */
        FAILED
    }

    private final SessionListener listener;
    private final int idleTimeoutSeconds;
    /** Kept as the address and formatted only for a log line: a string per connection is memory held for nothing. */
    private final SocketAddress peer;
    /** A PROXY v2 LOCAL connection (the balancer's own check): served alike, counted apart. */
    private final boolean local;

    private final long openedNanos;
    private State state = State.READING;
    private int lines;
    /** Why it failed, in {@link State#FAILED}: the reason for the log, its fixed kind, and for an internal error the cause. */
    private String error;

    private String errorKind;
    private Throwable internalCause;
    /** Set once, when the connection is gone. */
    private Outcome outcome;

    ServerSession(SessionListener listener, int idleTimeoutSeconds, SocketAddress peer, boolean local) {
        this.listener = listener;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.peer = peer;
        this.local = local;
        this.openedNanos = System.nanoTime();
    }

    /** Whether this is a PROXY protocol LOCAL connection, not a client's: the counters count it apart. */
    public boolean isLocal() {
        return local;
    }

    /** The peer's address: the connection's, or with --proxy-protocol the one its header gave. */
    public SocketAddress peerAddress() {
        return peer;
    }

    /** The peer as log lines name it: {@code 127.0.0.1:53422}, and {@code (PROXY LOCAL)} after a LOCAL one's. */
    public String peer() {
        return local ? HostPort.format(peer) + " (PROXY LOCAL)" : HostPort.format(peer);
    }

    /**
     * Records one line read from the peer.
     *
     * @return true when the session is complete and the server must close the connection;
     *         lines after the tenth are ignored, as the protocol says
     */
    public boolean line(String line) {
        if (state == State.READING) {
            lines++;
            if (lines == Protocol.LINES_PER_SESSION) {
                state = State.COMPLETE;
            }
            listener.line(this, line);
        }
        return isComplete();
    }

    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    public int linesRead() {
        return lines;
    }

    /**
     * Records why the connection is ending. A protocol error or idle timeout is an error; an I/O
     * failure (reset, end of stream inside a frame) only leaves the session incomplete. The first
     * reason wins; nothing counts after the session is complete.
     */
    public void failed(Throwable cause) {
        if (state != State.READING) {
            return;
        }
        ProtocolException protocolError = ProtocolException.findCause(cause, ProtocolException.class);
        if (protocolError != null) {
            fail(protocolError.getMessage(), protocolError.kind());
        } else if (ProtocolException.findCause(cause, SocketTimeoutException.class) != null) {
            idle();
        } else if (ProtocolException.findCause(cause, IOException.class) != null) {
            state = State.PEER_GONE;
        } else {
            fail(cause.toString(), "internal");
            internalCause = cause;
        }
    }

    /**
     * The TLS handshake failed (or timed out, or the connection closed during it): an error counted by its cause
     * ({@link TlsFailure}), before the session began.
     */
    public void failedHandshake(Throwable cause) {
        failed(TlsFailure.of(cause, idleTimeoutSeconds));
    }

    /** The peer made no progress for longer than the idle timeout. */
    public void idle() {
        if (state == State.READING) {
            fail("idle for more than " + idleTimeoutSeconds + " s", "idle_timeout");
        }
    }

    private void fail(String reason, String kind) {
        state = State.FAILED;
        error = reason;
        errorKind = kind;
    }

    /** The connection is closed; the outcome is settled and reported once. */
    public void closed() {
        if (outcome == null) {
            outcome = outcomeNow();
            listener.closed(this);
        }
    }

    /** The fixed label of the error that ended the session ({@code frame_too_long}, {@code idle_timeout} ...), or null. */
    public String errorKind() {
        return errorKind;
    }

    /** For an internal error (a bug, not the peer's doing), what was thrown; null otherwise. */
    public Throwable internalCause() {
        return internalCause;
    }

    /** The outcome: final once {@link #closed}; before that, what it would be now. */
    public Outcome outcome() {
        return outcome != null ? outcome : outcomeNow();
    }

    private Outcome outcomeNow() {
        return isComplete() ? Outcome.COMPLETE : state == State.FAILED ? Outcome.ERROR : Outcome.INCOMPLETE;
    }

    /** Nanoseconds since the session began; in {@link SessionListener#closed}, its duration. */
    public long ageNanos() {
        return System.nanoTime() - openedNanos;
    }

    /** {@code complete}, {@code incomplete N/10} or {@code error: REASON}. */
    public String describeOutcome() {
        return switch (outcome()) {
            case COMPLETE -> "complete";
            case INCOMPLETE -> "incomplete " + lines + "/" + Protocol.LINES_PER_SESSION;
            case ERROR -> "error: " + error;
        };
    }
}
