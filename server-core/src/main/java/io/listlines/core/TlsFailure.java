package io.listlines.core;

import io.listlines.protocol.ProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Why a TLS handshake failed, as the counters and the log name it, whichever engine failed it
 * (Netty's {@code SslHandler} on OpenSSL or the JDK, or a blocking model's {@code SSLSocket}): the
 * failure becomes the session's error ({@link ServerSession#failed}), so it is counted by kind and
 * logged in one line with the peer, like every other error.
 * <ul>
 *   <li>{@value #NOT_TLS}: the first bytes are no TLS record (a plaintext client, garbage);
 *   <li>{@value #NO_CLIENT_CERTIFICATE}: under {@code --tls-client-ca}, the client showed none;
 *   <li>{@value #BAD_CLIENT_CERTIFICATE}: its certificate is not signed by that CA, expired or otherwise invalid;
 *   <li>{@value #HANDSHAKE}: anything else: no handshake within the idle timeout, a close during it, a
 *       client that refused ours, no protocol or cipher suite in common.
 * </ul>
 */
public final class TlsFailure {
    public static final String NOT_TLS = "tls_not_tls";
    public static final String HANDSHAKE = "tls_handshake";
    public static final String NO_CLIENT_CERTIFICATE = "tls_no_client_certificate";
    public static final String BAD_CLIENT_CERTIFICATE = "tls_bad_client_certificate";

    private TlsFailure() {}

    /** The failure as the protocol error that ends the session, with its kind and a reason for the log. */
    public static ProtocolException of(Throwable cause, int idleTimeoutSeconds) {
        if (ProtocolException.findCause(cause, NotSslRecordException.class) != null) {
            return new ProtocolException(NOT_TLS, "not TLS: the first bytes are no TLS record");
        }
        if (ProtocolException.findCause(cause, SslHandshakeTimeoutException.class) != null
                || ProtocolException.findCause(cause, SocketTimeoutException.class) != null) {
            return new ProtocolException(
                    HANDSHAKE, "TLS handshake: not complete within the idle timeout of " + idleTimeoutSeconds + " s");
        }
        String messages = messages(cause);
        if (messages.contains("unsupported or unrecognized ssl message")) {
            return new ProtocolException(NOT_TLS, "not TLS: the first bytes are no TLS record");
        }
        if (messages.contains("empty client certificate chain")
                || messages.contains("peer_did_not_return_a_certificate")
                || messages.contains("certificate_required")) {
            return new ProtocolException(NO_CLIENT_CERTIFICATE, "TLS handshake: the client showed no certificate");
        }
        CertificateException certificate = ProtocolException.findCause(cause, CertificateException.class);
        if (certificate != null || messages.contains("certificate_verify_failed")) {
            String why = certificate != null ? certificate.getMessage() : "it does not verify";
            return new ProtocolException(
                    BAD_CLIENT_CERTIFICATE, "TLS handshake: the client's certificate is refused: " + why);
        }
        if (ProtocolException.findCause(cause, ClosedChannelException.class) != null
                || ProtocolException.findCause(cause, EOFException.class) != null
                || messages.contains("closed")) {
            return new ProtocolException(HANDSHAKE, "TLS handshake: the connection closed before it was complete");
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ProtocolException(
                HANDSHAKE, "TLS handshake: " + (root.getMessage() != null ? root.getMessage() : root.toString()));
    }

    /** Every message in the cause chain, lower case, for the engines' words that have no exception type of their own. */
    private static String messages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = cause; t != null && all.length() < 4096; t = t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return all.toString();
    }
}
