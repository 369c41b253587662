package io.listlines.protocol;

import java.util.Locale;

/**
 * How messages are delimited on the wire (docs/PROTOCOL.md): {@code framed}, a 4-byte length before
 * every message, or {@code raw}, the article's own programs' way: the pickle alone, then
 * newline-terminated lines. Only the codecs at the edge of each side's pipeline (and the blocking
 * codec) differ; the session handlers above them are the same for both.
 */
public enum Framing {
    FRAMED,
    RAW;

    /** The {@code --framing} name: {@code framed} or {@code raw}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a client shuts its output down after the tenth line. Raw servers (the article's)
     * read until end of stream; framed servers close first, so the TIME_WAIT stays with them.
     */
    public boolean clientShutsOutputAfterLines() {
        return this == RAW;
    }

    /** The framing a {@code --framing} value names, or null. */
    public static Framing parse(String text) {
        for (Framing framing : values()) {
            if (framing.toString().equalsIgnoreCase(text)) {
                return framing;
            }
        }
        return null;
    }
}
