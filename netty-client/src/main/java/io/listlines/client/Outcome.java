package io.listlines.client;

import io.listlines.protocol.ProtocolException;
import java.io.IOException;
import io.netty.channel.ConnectTimeoutException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** How a client session ended: complete, or the cause of its failure. */
public enum Outcome {
    COMPLETE("complete"),
    REFUSED("refused"),
    RESET("reset"),
    TIMEOUT("timeout"),
    PROTOCOL_ERROR("protocol error"),
    CLOSED_EARLY("closed early"),
    OTHER("other error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The failure cause of an exception seen on a connection or its attempt. */
    static Outcome of(Throwable cause) {
        if (ProtocolException.findCause(cause, ProtocolException.class) != null) {
            return PROTOCOL_ERROR;
        }
        if (ProtocolException.findCause(cause, ConnectTimeoutException.class) != null
                || ProtocolException.findCause(cause, SocketTimeoutException.class) != null) {
            return TIMEOUT;
        }
        IOException io = ProtocolException.findCause(cause, IOException.class);
        String message = io == null ? "" : String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("refused")) {
            return REFUSED;
        }
        if (message.contains("reset") || message.contains("broken pipe")) {
            return RESET;
        }
        return OTHER;
    }
}
