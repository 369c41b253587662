package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Frame payload to line ({@link String}), by {@link Lines}' rules, for codec tests: the server's
 * session handler decodes its lines itself (one handler fewer per connection). Stateless.
 */
@Sharable
final class LineDecoder extends MessageToMessageDecoder<ByteBuf> {
    static final LineDecoder INSTANCE = new LineDecoder();

    private LineDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf payload, List<Object> out) {
        out.add(Lines.decode(payload.nioBuffer()));
    }
}
