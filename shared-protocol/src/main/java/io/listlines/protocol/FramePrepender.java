package io.listlines.protocol;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.handler.codec.LengthFieldPrepender;

/** Puts the 4-byte big-endian length in front of every outbound payload. Stateless. */
@Sharable
public final class FramePrepender extends LengthFieldPrepender {
    public static final FramePrepender INSTANCE = new FramePrepender();

    private FramePrepender() {
        super(Protocol.LENGTH_FIELD_BYTES);
    }
}
