package io.listlines.client;

import io.listlines.protocol.ProtocolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import io.netty.channel.ConnectTimeoutException;

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
        Throwable root = cause;
        while (!(root instanceof ProtocolException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ProtocolException) {
            return PROTOCOL_ERROR;
        }
        if (root instanceof ConnectTimeoutException || root instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException || root instanceof PortUnreachableException) {
            String message = String.valueOf(root.getMessage());
            return message.contains("refused") ? REFUSED : OTHER;
        }
        if (root instanceof IOException) {
            String message = String.valueOf(root.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("refused")) {
                return REFUSED;
            }
            if (message.contains("reset") || message.contains("broken pipe")) {
                return RESET;
            }
        }
        return OTHER;
    }
}
