package io.listlines.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;

/**
 * First in a TLS connection's pipeline: every close shuts the output down first, then closes. On io_uring, the
 * close an {@code SslHandler} makes at once after a failed handshake (plaintext or garbage instead of a
 * ClientHello) was seen to leave the peer waiting, neither FIN nor reset, until its own timeout, and the alert
 * of a refused client certificate to be lost; waiting for the writes before it (the alert), then shutting the
 * output down, sends alert and FIN at once. Harmless on the other transports. Stateless, so shared.
 */
@Sharable
final class ShutdownBeforeClose extends ChannelOutboundHandlerAdapter {
    static final ShutdownBeforeClose INSTANCE = new ShutdownBeforeClose();

    private ShutdownBeforeClose() {}

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!(ctx.channel() instanceof DuplexChannel duplex) || !duplex.isActive() || duplex.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        // An empty write completes after the writes before it: the alert is out before the FIN, which io_uring
        // would otherwise send first, the alert's write still in flight.
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (duplex.isActive() && !duplex.isOutputShutdown()) {
                duplex.shutdownOutput().addListener(shut -> ctx.close(promise));
            } else {
                ctx.close(promise);
            }
        });
    }
}
