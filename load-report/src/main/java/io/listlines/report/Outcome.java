package io.listlines.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a client session ended: complete, or the cause of its failure. */
public enum Outcome {
    COMPLETE("complete"),
    REFUSED("refused"),
    RESET("reset"),
    TIMEOUT("timeout"),
    PROTOCOL_ERROR("protocol error"),
    CLOSED_EARLY("closed early"),
    /** The TLS handshake failed: a certificate refused either way, a plaintext server, no common protocol. */
    TLS("tls error"),
    OTHER("other error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The name of this cause in the load report's JSON: {@code protocol_error}, {@code closed_early} ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every way a session can fail: all but {@link #COMPLETE}, in this order. */
    public static List<Outcome> failures() {
        return FAILURES;
    }

    private static final List<Outcome> FAILURES =
            Arrays.stream(values()).filter(o -> o != COMPLETE).toList();
}
