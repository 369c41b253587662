package io.listlines.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * A peer broke the protocol: the connection it arrived on is ended with this message as the reason.
 * It extends Netty's {@link DecoderException} so that decoders can throw it unwrapped, and the
 * blocking codec throws the same type, so both kinds of server report the same reasons.
 */
public class ProtocolException extends DecoderException {
    private final String kind;

    public ProtocolException(String message) {
        this("protocol_error", message);
    }

    /**
     * @param kind    a short, fixed label for counters and metrics ({@code frame_too_long} ...)
     * @param message the reason as the log line gives it
     */
    public ProtocolException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A short, fixed label of this kind of error, for counters and metrics. */
    public String kind() {
        return kind;
    }

    /**
     * The first throwable of {@code type} in the cause chain of {@code t} (itself included), or null.
     * Bounded, so a cyclic chain cannot hang a connection's thread.
     */
    public static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown per bad peer, caught a few frames up: a stack trace would be pure cost.
        return this;
    }
}
