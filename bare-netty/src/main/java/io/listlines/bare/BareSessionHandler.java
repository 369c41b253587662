package io.listlines.bare;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * One session: the list frame on connect, then ten line frames (their payloads skipped, as the C server
 * skips them), then close; any error closes. One per channel.
 */
final class BareSessionHandler extends SimpleChannelInboundHandler<ByteBuf> {
    /** The list frame, shared by every connection: length 16, then the protocol-2 pickle of [1, 2, 7, 9, 0]. */
    private static final ByteBuf LIST_FRAME = Unpooled.unreleasableBuffer(Unpooled.directBuffer(20)
            .writeBytes(
                    new byte[] {0, 0, 0, 16, (byte) 0x80, 2, ']', '(', 'K', 1, 'K', 2, 'K', 7, 'K', 9, 'K', 0, 'e', '.'
                    })
            .asReadOnly());

    private static final int LINES = 10;

    private int lines;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(LIST_FRAME.duplicate()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        if (++lines == LINES) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
