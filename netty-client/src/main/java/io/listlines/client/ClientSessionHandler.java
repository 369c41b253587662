package io.listlines.client;

import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.ListFormatException;
import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.protocol.ProtocolException;
import io.listlines.protocol.SessionLines;
import io.listlines.report.Outcome;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one session: waits for the list frame, checks it, sends the ten lines (all at
 * once, or one per think interval), then waits for the server to close. Reports exactly one
 * {@link SessionResult}. One per channel.
 */
final class ClientSessionHandler extends SimpleChannelInboundHandler<List<Long>> {
    private enum State {
        AWAITING_LIST,
        SENDING,
        AWAITING_CLOSE,
        DONE
    }

    private final ClientConfig config;
    private final String target;
    private final long start;
    private final SessionListener listener;
    private State state = State.AWAITING_LIST;
    private List<Long> list;
    private long connected;
    private long handshaken;
    private long firstFrame;
    private Outcome failure;
    private String message;

    ClientSessionHandler(ClientConfig config, String target, long start, SessionListener listener) {
        this.config = config;
        this.target = target;
        this.start = start;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connected = System.nanoTime();
        listener.connected();
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, List<Long> received) {
        if (state != State.AWAITING_LIST) {
            fail(ctx, Outcome.PROTOCOL_ERROR, target + " sent a second frame after the list.");
            return;
        }
        firstFrame = System.nanoTime();
        list = received;
        if (config.expectList() != null && !config.expectList().equals(received)) {
            fail(
                    ctx,
                    Outcome.PROTOCOL_ERROR,
                    target + " sent the list " + PickledList.repr(received) + ", not the expected "
                            + PickledList.repr(config.expectList()) + ".");
            return;
        }
        state = State.SENDING;
        sendLine(ctx, 0);
    }

    private void sendLine(ChannelHandlerContext ctx, int i) {
        if (state != State.SENDING) {
            return;
        }
        if (config.thinkMillis() > 0) {
            ctx.executor()
                    .schedule(
                            () -> {
                                if (state == State.SENDING) {
                                    ChannelFuture written = ctx.writeAndFlush(Protocol.clientLine(i));
                                    written.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                                    next(ctx, i, written);
                                }
                            },
                            config.thinkMillis(),
                            TimeUnit.MILLISECONDS);
        } else {
            ChannelFuture written = ctx.writeAndFlush(SessionLines.message(config.framing()));
            written.addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            linesSent(ctx, written);
        }
    }

    private void next(ChannelHandlerContext ctx, int i, ChannelFuture written) {
        if (i + 1 < Protocol.LINES_PER_SESSION) {
            sendLine(ctx, i + 1);
        } else {
            linesSent(ctx, written);
        }
    }

    /** All ten lines are written (or queued, with {@code lastWrite} completing when the last leaves). */
    private void linesSent(ChannelHandlerContext ctx, ChannelFuture lastWrite) {
        state = State.AWAITING_CLOSE;
        if (config.framing().clientShutsOutputAfterLines() && ctx.channel() instanceof DuplexChannel duplex) {
            // only once the lines are out: shutting down earlier would fail the writes still queued
            lastWrite.addListener(f -> {
                if (f.isSuccess()) {
                    duplex.shutdownOutput();
                }
            });
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                handshaken = System.nanoTime();
            } else {
                fail(ctx, Outcome.TLS, describe(Outcome.TLS, handshake.cause()));
            }
            ctx.fireUserEventTriggered(event);
        } else if (event instanceof IdleStateEvent) {
            // While we think between lines the server rightly says nothing: only waiting counts
            // (a think time longer than the timeout lets the idle clock run out in a pause).
            if (state == State.AWAITING_LIST) {
                fail(
                        ctx,
                        Outcome.TIMEOUT,
                        "Timed out after " + config.timeoutSeconds() + " s waiting for "
                                + (config.tls() != null && handshaken == 0
                                        ? "the TLS handshake with " + target
                                                + " (is it a plaintext server behind a TLS port's number?)"
                                        : "the list from " + target)
                                + ".");
            } else if (state == State.AWAITING_CLOSE) {
                fail(
                        ctx,
                        Outcome.TIMEOUT,
                        "Timed out after " + config.timeoutSeconds() + " s waiting for " + target
                                + " to close the session.");
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Outcome outcome = FailureCause.of(cause);
        fail(ctx, outcome, describe(outcome, cause));
    }

    private String describe(Outcome outcome, Throwable cause) {
        ProtocolException protocolError = ProtocolException.findCause(cause, ProtocolException.class);
        Throwable root = protocolError != null ? protocolError : cause;
        if (root instanceof ListFormatException) {
            return "The list frame from " + target + " is not a pickled list of integers: " + root.getMessage() + ".";
        }
        if (root instanceof FrameTooLongException) {
            return target + " sent a " + root.getMessage() + ".";
        }
        if (outcome == Outcome.TLS) {
            if (ProtocolException.findCause(cause, NotSslRecordException.class) != null) {
                return "TLS handshake with " + target + " failed: it does not speak TLS (run it with --tls-cert, "
                        + "or connect without --tls).";
            }
            Throwable tlsRoot = cause;
            while (tlsRoot.getCause() != null && tlsRoot.getCause() != tlsRoot) {
                tlsRoot = tlsRoot.getCause();
            }
            return "TLS handshake with " + target + " failed: "
                    + (tlsRoot.getMessage() != null ? tlsRoot.getMessage() : tlsRoot.toString()) + ".";
        }
        if (outcome == Outcome.RESET) {
            return "Connection reset by " + target
                    + (state == State.AWAITING_LIST ? " before it sent the list." : " during the session.");
        }
        return "Session with " + target + " failed: " + root.getMessage() + ".";
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (failure == null && state != State.AWAITING_CLOSE) {
            failure = Outcome.CLOSED_EARLY;
            message = target
                    + (state == State.AWAITING_LIST
                            ? " closed the connection before sending the list."
                            : " closed the connection before the ten lines were sent.");
        }
        finish();
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, Outcome outcome, String sentence) {
        if (failure == null && state != State.DONE) {
            failure = outcome;
            message = sentence;
        }
        ctx.close();
    }

    private void finish() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        Outcome outcome = failure != null ? failure : Outcome.COMPLETE;
        listener.ended(
                new SessionResult(outcome, list, message, start, connected, handshaken, firstFrame, System.nanoTime()));
    }
}
