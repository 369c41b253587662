package io.listlines.protocol;

import io.netty.channel.ChannelPipeline;

/**
 * How messages are delimited on the wire (PROTOCOL.md): {@code framed}, a 4-byte length before
 * every message, or {@code raw}, the article's own programs' way: the pickle alone, then
 * newline-terminated lines. The choice lives only here: each side's pipeline gets the framing
 * handlers at its edge, and the session handlers above them are the same for both.
 */
public enum Framing {
    FRAMED("framed"),
    RAW("raw");

    private final String label;

    Framing(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Server pipeline: bytes to lines inbound. Nothing outbound: the server's one message, the list,
     * is written already encoded ({@link ListFrame}).
     */
    public void addServerCodecs(ChannelPipeline p, int maxFrame) {
        if (this == FRAMED) {
            p.addLast("frameDecoder", new FrameDecoder(maxFrame));
        } else {
            p.addLast("rawLineDecoder", new RawLineDecoder(maxFrame));
        }
        p.addLast("lineDecoder", LineDecoder.INSTANCE);
    }

    /**
     * Client pipeline: bytes to the {@code List<Long>} inbound, in the same slots for both framings
     * (the list's bytes as one frame, then the {@link ListDecoder}); lines to bytes outbound.
     */
    public void addClientCodecs(ChannelPipeline p, int maxFrame) {
        if (this == FRAMED) {
            p.addLast("frameDecoder", new FrameDecoder(maxFrame));
        } else {
            p.addLast("rawPickleDecoder", new RawPickleDecoder(maxFrame));
        }
        p.addLast("listDecoder", ListDecoder.INSTANCE);
        p.addLast("lineEncoder", this == FRAMED ? LineEncoder.FRAMED : LineEncoder.RAW);
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
            if (framing.label.equalsIgnoreCase(text)) {
                return framing;
            }
        }
        return null;
    }
}
