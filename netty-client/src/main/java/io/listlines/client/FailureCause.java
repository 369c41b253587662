package io.listlines.client;

import io.listlines.protocol.ProtocolException;
import io.listlines.report.Outcome;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Which {@link Outcome} an exception on a client connection means: the client's reading of Netty's exceptions. */
final class FailureCause {
    private FailureCause() {}

    /** The failure cause of an exception seen on a connection or its attempt. */
    static Outcome of(Throwable cause) {
        if (ProtocolException.findCause(cause, ProtocolException.class) != null) {
            return Outcome.PROTOCOL_ERROR;
        }
        if (ProtocolException.findCause(cause, SSLException.class) != null) {
            return Outcome.TLS; // NotSslRecordException (a plaintext server) included
        }
        if (ProtocolException.findCause(cause, ConnectTimeoutException.class) != null
                || ProtocolException.findCause(cause, SocketTimeoutException.class) != null) {
            return Outcome.TIMEOUT;
        }
        IOException io = ProtocolException.findCause(cause, IOException.class);
        String message = io == null ? "" : String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("refused")) {
            return Outcome.REFUSED;
        }
        if (message.contains("reset") || message.contains("broken pipe")) {
            return Outcome.RESET;
        }
        return Outcome.OTHER;
    }
}
