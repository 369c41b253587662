package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Raw framing, inbound on a client: waits until one whole pickle has arrived, however it is split,
 * and emits its bytes as one frame for the {@link ListDecoder} after it, as {@link FrameDecoder}
 * does on a framed connection. The end is found by interpreting the pickle as it arrives (a STOP
 * byte can also occur inside an argument) with a {@link PickledList.Scan} that keeps its place
 * between reads, so each byte is interpreted once however the reads fall; bytes that cannot begin
 * a list of integers are refused at once, and so is a pickle that does not end within the maximum.
 * Anything the server sends after the list is a protocol error. One per channel.
 */
public final class RawPickleDecoder extends ByteToMessageDecoder {
    private final int maxPickle;
    private final PickledList.Scan scan = new PickledList.Scan();
    private boolean emitted;
    private boolean failed;

    public RawPickleDecoder(int maxPickle) {
        this.maxPickle = maxPickle;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (emitted) {
            int extra = in.readableBytes();
            in.skipBytes(extra);
            throw new ProtocolException(extra + " unexpected bytes after the list");
        }
        int length;
        try {
            length = scan.advance(in);
        } catch (ListFormatException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        // The limit holds however the bytes were split into reads: a pickle that ends past it is refused too.
        if (length >= 0 ? length > maxPickle : in.readableBytes() > maxPickle) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ListFormatException("no complete pickle within the maximum of " + maxPickle + " bytes");
        }
        if (length >= 0) {
            emitted = true;
            out.add(in.readRetainedSlice(length));
        }
    }
}
