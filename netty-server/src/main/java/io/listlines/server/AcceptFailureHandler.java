package io.listlines.server;

import io.listlines.core.AcceptFailures;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * On the listening channel, ahead of the bootstrap's acceptor: a failed accept (out of file
 * descriptors, most often) pauses accepting for {@link AcceptFailures}' backoff instead of reaching
 * the pipeline's tail as a stack trace. Netty's own acceptor pauses a second too, but on io_uring
 * (4.2.18) the next accept is already submitted by then, so the failures came back at once,
 * hundreds of thousands a second; here reading stops and resumes from a scheduled task. One per
 * server channel, on its event loop.
 */
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {
    private final AcceptFailures failures;

    AcceptFailureHandler(AcceptFailures failures) {
        this.failures = failures;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object child) {
        failures.accepted();
        ctx.fireChannelRead(child);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        long pause = failures.failed(cause);
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor()
                    .schedule(
                            () -> {
                                ctx.channel().config().setAutoRead(true);
                            },
                            pause,
                            TimeUnit.MILLISECONDS);
        }
    }
}
