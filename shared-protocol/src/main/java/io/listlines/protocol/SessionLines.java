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
    private static final ByteBuf FRAMED = encode(Framing.FRAMED);
    private static final ByteBuf RAW = encode(Framing.RAW);

    private SessionLines() {
    }

    /** A new message with all ten lines for {@code framing}. */
    public static ByteBuf message(Framing framing) {
        return (framing == Framing.FRAMED ? FRAMED : RAW).duplicate();
    }

    private static ByteBuf encode(Framing framing) {
        ByteBuf lines = Unpooled.buffer();
        for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
            LineEncoder.encode(framing, Protocol.clientLine(i), lines);
        }
        return SharedWire.of(ByteBufUtil.getBytes(lines));
    }
}
