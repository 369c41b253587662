package io.listlines.server;

import io.listlines.protocol.ListPayload;
import io.listlines.protocol.ServerSession;
import io.listlines.protocol.SessionLog;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Drives one connection's {@link ServerSession}: sends the list frame when the connection opens,
 * hands each decoded line to the session and closes when the session says it is complete, or on
 * the first error or idle timeout. One per channel.
 */
final class SessionHandler extends SimpleChannelInboundHandler<String> {
    private final SessionLog log;
    private final ListPayload list;
    private ServerSession session;

    SessionHandler(SessionLog log, ListPayload list) {
        this.log = log;
        this.list = list;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!log.admit(ctx.channel().remoteAddress())) {
            ctx.close();
            return;
        }
        session = log.open(SessionLog.peer(ctx.channel().remoteAddress()));
        ctx.writeAndFlush(list).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (session != null && session.line(line)) {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (session != null) {
                session.idle();
            }
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session != null) {
            session.failed(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.closed();
        }
        ctx.fireChannelInactive();
    }
}
