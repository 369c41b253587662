package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Raw framing, inbound on a server: splits the stream into newline-terminated lines (each emitted
 * with its {@code \n}, which {@link Lines} strips), however the bytes arrive. A line longer than
 * the maximum fails as soon as the maximum is passed, without waiting for its end. One per channel.
 *
 * <p>Why not Netty's {@code LineBasedFrameDecoder}: it takes {@code \r\n} as the delimiter when
 * both bytes have arrived, but counts the {@code \r} against the maximum while the {@code \n} has
 * not, so with fail-fast a line of exactly the maximum followed by {@code \r\n} passes in one read
 * and fails when the {@code \n} comes in the next. docs/PROTOCOL.md's lines must not depend on how the
 * bytes are split; here a line is every byte before its {@code \n}, whatever the reads. Its
 * discarding mode would also go on decoding lines after a refused one.
 */
public final class RawLineDecoder extends ByteToMessageDecoder {
    private final int maxLine;
    /** Bytes after the reader index already searched for a newline. */
    private int scanned;

    private boolean failed;

    public RawLineDecoder(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            int start = in.readerIndex();
            // a line of maxLine bytes may still have its newline at offset maxLine
            int limit = (int) Math.min(in.writerIndex(), (long) start + maxLine + 1);
            int newline = in.indexOf(start + scanned, limit, (byte) '\n');
            if (newline < 0) {
                if (limit - start > maxLine) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    throw new ProtocolException(
                            "line_too_long", "line longer than the maximum of " + maxLine + " bytes");
                }
                scanned = limit - start;
                return;
            }
            scanned = 0;
            out.add(in.readRetainedSlice(newline - start + 1));
        }
    }
}
