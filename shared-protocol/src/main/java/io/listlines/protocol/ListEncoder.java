package io.listlines.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * {@link ListPayload} to frame payload. The list is pickled once per server, so each connection
 * only wraps the same bytes. Stateless.
 */
@Sharable
public final class ListEncoder extends MessageToMessageEncoder<ListPayload> {
    public static final ListEncoder INSTANCE = new ListEncoder();

    private ListEncoder() {
        super(ListPayload.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ListPayload list, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(list.pickle()));
    }
}
