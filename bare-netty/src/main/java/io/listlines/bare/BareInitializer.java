package io.listlines.bare;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** A connection's pipeline: Netty's length-field decoder (4-byte length, stripped), then the session. */
final class BareInitializer extends ChannelInitializer<Channel> {
    /** The protocol's largest frame (docs/PROTOCOL.md): a longer one ends the connection. */
    private static final int MAX_FRAME = 65_536;

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME + 4, 0, 4, 0, 4))
                .addLast(new BareSessionHandler());
    }
}
