package io.listlines.core;

import io.listlines.protocol.ProtocolException;
import io.listlines.protocol.Protocol;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;

/**
 * The server side of one session: the rules every server model follows, whatever drives it.
 * The Netty {@code SessionHandler} and the blocking session loop call {@link #opened}, then
 * {@link #line} for each line, {@link #failed} on an error, and {@link #closed} once the
 * connection is gone; this class decides when the session is complete and logs what happened.
 * Confined to one thread at a time.
 */
public final class ServerSession {
    /** How a session ended. */
    public enum Outcome { COMPLETE, INCOMPLETE, ERROR }

    private final SessionLog log;
    /** Kept as the address and formatted only for a log line: a string per connection is memory held for nothing. */
    private final SocketAddress peer;
    private int lines;
    private String error;
    private String errorKind;
    private boolean broken;
    private boolean closed;

    ServerSession(SessionLog log, SocketAddress peer) {
        this.log = log;
        this.peer = peer;
    }

    /** The peer as log lines name it: {@code 127.0.0.1:53422}. */
    public String peer() {
        return SessionLog.peer(peer);
    }

    public void opened() {
        log.opened(this);
    }

    /**
     * Records one line read from the peer.
     *
     * @return true when the session is complete and the server must close the connection;
     *         lines after the tenth are ignored, as the protocol says
     */
    public boolean line(String line) {
        if (lines < Protocol.LINES_PER_SESSION && error == null) {
            lines++;
            log.line(this, line);
        }
        return isComplete();
    }

    public boolean isComplete() {
        return lines >= Protocol.LINES_PER_SESSION;
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
        if (isComplete() || error != null || broken) {
            return;
        }
        ProtocolException protocolError = ProtocolException.findCause(cause, ProtocolException.class);
        if (protocolError != null) {
            error = protocolError.getMessage();
            errorKind = protocolError.kind();
        } else if (ProtocolException.findCause(cause, SocketTimeoutException.class) != null) {
            idle();
        } else if (ProtocolException.findCause(cause, IOException.class) != null) {
            broken = true; // the peer went away: incomplete, and nothing after this is its fault
        } else {
            error = cause.toString();
            errorKind = "internal";
        }
    }

    /** The peer sent nothing for longer than the idle timeout. */
    public void idle() {
        if (!isComplete() && error == null && !broken) {
            error = "idle for more than " + log.idleTimeoutSeconds() + " s";
            errorKind = "idle_timeout";
        }
    }

    /** The connection is closed; logs the outcome once. */
    public void closed() {
        if (!closed) {
            closed = true;
            log.closed(this);
        }
    }

    /** The fixed label of the error that ended the session, or null. */
    public String errorKind() {
        return errorKind;
    }

    public Outcome outcome() {
        return isComplete() ? Outcome.COMPLETE : error != null ? Outcome.ERROR : Outcome.INCOMPLETE;
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
