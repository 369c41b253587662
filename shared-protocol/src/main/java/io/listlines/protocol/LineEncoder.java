package io.listlines.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Line ({@link CharSequence}) to UTF-8 frame payload. Stateless. */
@Sharable
public final class LineEncoder extends MessageToMessageEncoder<CharSequence> {
    public static final LineEncoder INSTANCE = new LineEncoder();

    private LineEncoder() {
        super(CharSequence.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, CharSequence line, List<Object> out) {
        out.add(ByteBufUtil.writeUtf8(ctx.alloc(), line));
    }
}
