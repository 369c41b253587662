package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Splits the inbound stream into frame payloads (docs/PROTOCOL.md): a 4-byte unsigned big-endian
 * length, then that many bytes. Netty's {@link LengthFieldBasedFrameDecoder} does the work; this
 * class adds docs/PROTOCOL.md's refusal: a length over the maximum fails as soon as it is read, before
 * any of its payload is awaited or allocated, with a {@link FrameTooLongException} that names the
 * announced length (Netty's own {@code TooLongFrameException} carries it only inside its message),
 * and everything after it is dropped while the connection closes (Netty's fail-fast mode would
 * discard the announced number of bytes and then go on decoding the frames after them). One per
 * channel.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxFrame;
    private boolean refused;

    public FrameDecoder(int maxFrame) {
        super(
                ByteOrder.BIG_ENDIAN,
                maxFrame + Protocol.LENGTH_FIELD_BYTES,
                0,
                Protocol.LENGTH_FIELD_BYTES,
                0,
                Protocol.LENGTH_FIELD_BYTES,
                true);
        this.maxFrame = maxFrame;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        return super.decode(ctx, in);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long announced = FrameHeader.get(buf, offset);
        if (announced > maxFrame) {
            refused = true;
            buf.skipBytes(buf.readableBytes());
            throw new FrameTooLongException(announced, maxFrame);
        }
        return announced;
    }
}
