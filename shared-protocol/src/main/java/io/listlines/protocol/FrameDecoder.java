package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inbound stream into frame payloads: a 4-byte unsigned big-endian length, then that
 * many bytes. A length over the maximum fails at once, before any of its payload is awaited or
 * allocated, and everything after it is dropped while the connection closes. One per channel.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrame;
    private boolean failed;

    public FrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Protocol.LENGTH_FIELD_BYTES) {
            long announced = FrameHeader.get(in, in.readerIndex());
            if (announced > maxFrame) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new FrameTooLongException(announced, maxFrame);
            }
            if (in.readableBytes() < Protocol.LENGTH_FIELD_BYTES + announced) {
                return;
            }
            in.skipBytes(Protocol.LENGTH_FIELD_BYTES);
            out.add(in.readRetainedSlice((int) announced));
        }
    }
}
