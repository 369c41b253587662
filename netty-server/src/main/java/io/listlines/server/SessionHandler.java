package io.listlines.server;

import io.listlines.core.ServerSession;
import io.listlines.core.Sessions;
import io.listlines.protocol.ListFrame;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Drives one connection's {@link ServerSession}: sends the list frame when the connection opens,
 * hands each decoded line to the session and closes when the session says it is complete, or on
 * the first error or idle timeout. One per channel.
 *
 * <p>Writability: while the list waits in the channel's outbound buffer above the high water mark
 * (a client that does not read it), the handler stops reading that client's lines, as a blocking
 * server's thread would be stuck in its write; reads resume when the buffer drains below the low
 * mark. A client that never reads is thus idle to the server and closed at the idle timeout.
 */
final class SessionHandler extends SimpleChannelInboundHandler<String> {
    private final Sessions sessions;
    private final ListFrame list;
    /** Set when the connection becomes active, before any other event can arrive. */
    private ServerSession session;

    SessionHandler(Sessions sessions, ListFrame list) {
        this.sessions = sessions;
        this.list = list;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = sessions.open(ctx.channel().remoteAddress());
        ctx.writeAndFlush(list.message()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        readWhileWritable(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        readWhileWritable(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private static void readWhileWritable(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (session.line(line)) {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            session.idle();
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.failed(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.closed();
        ctx.fireChannelInactive();
    }
}
