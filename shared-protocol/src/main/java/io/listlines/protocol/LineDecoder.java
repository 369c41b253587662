package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Frame payload to line ({@link String}), by {@link Lines}' rules. Stateless. */
@Sharable
public final class LineDecoder extends MessageToMessageDecoder<ByteBuf> {
    public static final LineDecoder INSTANCE = new LineDecoder();

    private LineDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        out.add(Lines.decode(payload.nioBuffer()));
    }
}
