package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Line ({@link CharSequence}) to UTF-8 bytes: a frame payload, or a raw line ending in {@code \n}. Stateless. */
@Sharable
public final class LineEncoder extends MessageToMessageEncoder<CharSequence> {
    /** For framed connections: the payload is the line. */
    public static final LineEncoder FRAMED = new LineEncoder(false);
    /** For raw connections: the line and its newline. */
    public static final LineEncoder RAW = new LineEncoder(true);

    private final boolean newline;

    private LineEncoder(boolean newline) {
        super(CharSequence.class);
        this.newline = newline;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence line, List<Object> out) {
        ByteBuf buf = ctx.alloc().buffer(ByteBufUtil.utf8MaxBytes(line) + 1);
        ByteBufUtil.writeUtf8(buf, line);
        if (newline) {
            buf.writeByte('\n');
        }
        out.add(buf);
    }
}
