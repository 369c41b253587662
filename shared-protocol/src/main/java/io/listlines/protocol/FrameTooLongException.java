package io.listlines.protocol;

/**
 * A length prefix that announces more than the receiver's maximum frame length. When the four bytes
 * are the start of a TLS handshake record (0x16, then version 3.x: a ClientHello), the error says so
 * and is counted as {@value #TLS_ON_PLAINTEXT}: a TLS client on a plaintext port is a configuration
 * mistake worth its own name, not a hostile length.
 */
public final class FrameTooLongException extends ProtocolException {
    /** The kind of a TLS handshake record read as a frame's length. */
    public static final String TLS_ON_PLAINTEXT = "tls_on_plaintext";

    public FrameTooLongException(long announced, int maxFrame) {
        super(
                kind(announced),
                (looksLikeTls(announced) ? "TLS handshake on a plaintext port (the client speaks TLS): " : "")
                        + "frame of " + announced + " bytes announced, over the maximum of " + maxFrame);
    }

    /** Checks an announced payload length against the maximum, as every receiver must. */
    public static int check(long announced, int maxFrame) {
        if (announced > maxFrame) {
            throw new FrameTooLongException(announced, maxFrame);
        }
        return (int) announced;
    }

    /** The kind of refusing {@code announced}: {@code frame_too_long}, or {@value #TLS_ON_PLAINTEXT}. */
    public static String kind(long announced) {
        return looksLikeTls(announced) ? TLS_ON_PLAINTEXT : "frame_too_long";
    }

    /** A TLS record header's first bytes: content type 22 (handshake), protocol version 3.0 to 3.4. */
    private static boolean looksLikeTls(long announced) {
        return (announced >>> 24) == 0x16 && ((announced >>> 16) & 0xff) == 0x03 && ((announced >>> 8) & 0xff) <= 0x04;
    }
}
