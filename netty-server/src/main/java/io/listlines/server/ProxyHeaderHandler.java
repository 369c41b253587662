package io.listlines.server;

import io.listlines.core.ProxyPolicy;
import io.listlines.core.ServerSession;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.ReferenceCountUtil;
import java.net.SocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Waits for the {@code HAProxyMessage} the decoder before it makes of a connection's first bytes
 * ({@code --proxy-protocol}): a valid header opens the session ({@link ProxyPolicy#open}) and this
 * handler gives way to the session's handlers; a malformed one, none within
 * {@code --proxy-header-timeout}, or a close before it ends the connection as a {@code proxy_header}
 * error. Nothing is sent before the header. One per channel.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {
    private final ProxyPolicy policy;
    /** Adds the session's handlers after this one. */
    private final BiConsumer<ChannelPipeline, ServerSession> addSession;

    private SocketAddress real;
    private ScheduledFuture<?> timeout;
    /** The header came, or the connection failed: nothing more to decide. */
    private boolean settled;

    ProxyHeaderHandler(ProxyPolicy policy, BiConsumer<ChannelPipeline, ServerSession> addSession) {
        this.policy = policy;
        this.addSession = addSession;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        real = ctx.channel().remoteAddress();
        long millis = policy.headerTimeoutMillis();
        timeout = ctx.executor()
                .schedule(() -> fail(ctx, "none within " + millis / 1000 + " s"), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header) || settled) {
            ReferenceCountUtil.release(msg); // nothing else comes before the decoder has given way
            return;
        }
        settle();
        ServerSession session;
        try {
            session = policy.open(header, real);
        } finally {
            header.release();
        }
        if (session == null) {
            ctx.close(); // over a connection limit for the address it claims: counted and logged
            return;
        }
        addSession.accept(ctx.pipeline(), session);
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!settled) {
            settle();
            policy.malformed(real, cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, "the connection closed before a complete header");
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!settled) {
            settle();
            policy.failed(real, reason);
            ctx.close();
        }
    }

    private void settle() {
        settled = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
