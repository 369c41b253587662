package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Line ({@link CharSequence}) to bytes on the wire: a frame (the 4-byte length and the UTF-8 bytes,
 * in one buffer), or a raw line ending in {@code \n}. Buffers already encoded pass through
 * ({@link SessionLines}). Stateless.
 */
@Sharable
public final class LineEncoder extends MessageToMessageEncoder<CharSequence> {
    /** For framed connections: length, then the line. */
    public static final LineEncoder FRAMED = new LineEncoder(Framing.FRAMED);
    /** For raw connections: the line and its newline. */
    public static final LineEncoder RAW = new LineEncoder(Framing.RAW);

    private final Framing framing;

    private LineEncoder(Framing framing) {
        super(CharSequence.class);
        this.framing = framing;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence line, List<Object> out) {
        ByteBuf buf = ctx.alloc().buffer(Protocol.LENGTH_FIELD_BYTES + ByteBufUtil.utf8MaxBytes(line) + 1);
        encode(framing, line, buf);
        out.add(buf);
    }

    /** Appends {@code line} as {@code framing} puts it on the wire. */
    static void encode(Framing framing, CharSequence line, ByteBuf buf) {
        if (framing == Framing.FRAMED) {
            int lengthAt = buf.writerIndex();
            FrameHeader.write(buf, 0);
            FrameHeader.set(buf, lengthAt, ByteBufUtil.writeUtf8(buf, line));
        } else {
            ByteBufUtil.writeUtf8(buf, line);
            buf.writeByte('\n');
        }
    }
}
