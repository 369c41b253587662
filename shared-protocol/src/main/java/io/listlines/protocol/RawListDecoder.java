package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Raw framing, inbound on a client: waits until one whole pickle has arrived, however it is split,
 * and emits its {@code List<Long>}. The end is found by interpreting the pickle (a STOP byte can
 * also occur inside an argument), and a pickle that does not end within the maximum is refused.
 * Anything the server sends after the list is a protocol error. One per channel.
 */
public final class RawListDecoder extends ByteToMessageDecoder {
    private final int maxPickle;
    private boolean decoded;
    private boolean failed;

    public RawListDecoder(int maxPickle) {
        this.maxPickle = maxPickle;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (decoded) {
            int extra = in.readableBytes();
            in.skipBytes(extra);
            throw new ProtocolException(extra + " unexpected bytes after the list");
        }
        int start = in.readerIndex();
        List<Long> list;
        try {
            list = PickledList.tryUnpickle(in);
        } catch (ListFormatException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        // The limit holds however the bytes were split into reads: a pickle that ends past it is refused too.
        if (list != null ? in.readerIndex() - start > maxPickle : in.readableBytes() > maxPickle) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new ListFormatException("no complete pickle within the maximum of " + maxPickle + " bytes");
        }
        if (list != null) {
            decoded = true;
            out.add(list);
        }
    }
}
