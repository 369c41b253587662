package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** List frame payload to {@code List<Long>}, by {@link PickledList}'s rules. Stateless. */
@Sharable
public final class ListDecoder extends MessageToMessageDecoder<ByteBuf> {
    public static final ListDecoder INSTANCE = new ListDecoder();

    private ListDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        out.add(PickledList.unpickle(payload));
    }
}
