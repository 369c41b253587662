package io.listlines.server;

import io.listlines.core.ServerSession;
import io.listlines.core.Sessions;
import io.listlines.protocol.Lines;
import io.listlines.protocol.ListFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Drives one connection's {@link ServerSession}: sends the list frame when the connection opens,
 * decodes each line's payload ({@link Lines}: strict UTF-8, a trailing newline dropped) and hands
 * it to the session, and closes when the session says it is complete, or on the first error or
 * when the {@link IdleSweep} finds it idle. One per channel.
 *
 * <p>With TLS the session is opened when the connection is (so it is counted and a failed handshake is its
 * error, by cause), but it begins, the list sent and the idle sweep watching, only when the {@code SslHandler}
 * before it reports the handshake complete; until then the handler's own timeout bounds the handshake.
 *
 * <p>Writability: while the list waits in the channel's outbound buffer above the high water mark
 * (a client that does not read it), the handler stops reading that client's lines, as a blocking
 * server's thread would be stuck in its write; reads resume when the buffer drains below the low
 * mark. A client that never reads is thus idle to the server and closed at the idle timeout.
 */
final class SessionHandler extends SimpleChannelInboundHandler<ByteBuf> {
    /** Opens the session when the connection becomes active; null when it came open ({@code --proxy-protocol}). */
    private final Sessions sessions;

    private final ListFrame list;
    /** Null with no idle timeout. */
    private final IdleSweep idleSweep;
    /** Whether an {@code SslHandler} is before this one: the session waits for its handshake. */
    private final boolean tls;

    private boolean begun;
    /** Set when the connection becomes active (or given, after a PROXY header), before any other event can arrive. */
    private ServerSession session;

    private ChannelHandlerContext ctx;
    // Idle bookkeeping, read by this loop's IdleSweep.Watchlist: where this handler sits in it,
    // when the client last made progress, and how far the list had been taken at the last sweep.
    private IdleSweep.Watchlist watchlist;
    private int slot;
    private long lastProgress;
    private long outboundMark = -1;

    SessionHandler(Sessions sessions, ListFrame list, IdleSweep idleSweep, boolean tls) {
        this.sessions = sessions;
        this.list = list;
        this.idleSweep = idleSweep;
        this.tls = tls;
    }

    /** For a connection already active whose session a PROXY header opened: it begins when added. */
    SessionHandler(ServerSession session, ListFrame list, IdleSweep idleSweep, boolean tls) {
        this.sessions = null;
        this.session = session;
        this.list = list;
        this.idleSweep = idleSweep;
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (sessions == null && !tls) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (sessions != null) {
            session = sessions.open(ctx.channel().remoteAddress());
            if (!tls) {
                begin(ctx);
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !begun && session != null) {
            if (handshake.isSuccess()) {
                begin(ctx);
            } else {
                // Not closed here: the SslHandler fires this before it writes its alert, then flushes and closes.
                session.failedHandshake(handshake.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private void begin(ChannelHandlerContext ctx) {
        begun = true;
        if (idleSweep != null) {
            idleSweep.watch(this, ctx.executor());
            lastProgress = watchlist.now();
        }
        ctx.writeAndFlush(list.message()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        readWhileWritable(ctx);
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
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf payload) {
        if (session.line(Lines.decode(payload))) {
            ctx.close();
        }
    }

    /** Fired after every read from the socket, a partial frame too: any byte is progress. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (watchlist != null) {
            lastProgress = watchlist.now();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (tls && !begun) {
            session.failedHandshake(cause); // the engine's own error, before any of the session's
        } else {
            session.failed(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (watchlist != null) {
            watchlist.remove(this, slot);
            watchlist = null;
        }
        session.closed();
        ctx.fireChannelInactive();
    }

    void watched(IdleSweep.Watchlist watchlist, int slot) {
        this.watchlist = watchlist;
        this.slot = slot;
    }

    long lastProgress() {
        return lastProgress;
    }

    void progressAt(long now) {
        lastProgress = now;
    }

    ChannelOutboundBuffer outboundBuffer() {
        return ctx.channel().unsafe().outboundBuffer();
    }

    /** Whether the list was taken further since the last sweep; remembers {@code mark} for the next. */
    boolean outboundProgressed(long mark) {
        boolean moved = mark != outboundMark;
        outboundMark = mark;
        return moved;
    }

    /** No progress for the idle timeout: the session fails as idle and the connection closes. */
    void idle() {
        session.idle();
        ctx.close();
    }
}
