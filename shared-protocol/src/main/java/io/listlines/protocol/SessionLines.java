package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * A client's ten lines ({@link Protocol#clientLine}) as one buffer, encoded once per framing the
 * way {@link LineEncoder} encodes them one by one, in a {@link SharedWire} buffer: a client that
 * sends them all at once writes one duplicate instead of encoding ten lines, which halves what the
 * load generator spends per session.
 */
public final class SessionLines {
    private static final Encoded FRAMED = encode(Framing.FRAMED);
    private static final Encoded RAW = encode(Framing.RAW);

    /** The ten lines, and where each ends. */
    private record Encoded(ByteBuf wire, int[] ends) {}

    private SessionLines() {}

    /** A new message with all ten lines for {@code framing}. */
    public static ByteBuf message(Framing framing) {
        return encoded(framing).wire().duplicate();
    }

    /** A new message with the first {@code lines} of the ten (0 to 10), for a session cut short on purpose. */
    public static ByteBuf message(Framing framing, int lines) {
        if (lines < 0 || lines > Protocol.LINES_PER_SESSION) {
            throw new IllegalArgumentException(
                    "a session has 0 to " + Protocol.LINES_PER_SESSION + " lines, not " + lines);
        }
        Encoded encoded = encoded(framing);
        return encoded.wire().slice(0, lines == 0 ? 0 : encoded.ends()[lines - 1]);
    }

    private static Encoded encoded(Framing framing) {
        return framing == Framing.FRAMED ? FRAMED : RAW;
    }

    private static Encoded encode(Framing framing) {
        ByteBuf lines = Unpooled.buffer();
        int[] ends = new int[Protocol.LINES_PER_SESSION];
        for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
            LineEncoder.encode(framing, Protocol.clientLine(i), lines);
            ends[i] = lines.writerIndex();
        }
        return new Encoded(SharedWire.of(ByteBufUtil.getBytes(lines)), ends);
    }
}
