package io.listlines.client;

import io.listlines.protocol.FrameHeader;
import io.listlines.protocol.Framing;
import io.listlines.protocol.SessionLines;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The ways a hostile client misbehaves in the soak, and what the server must record for each:
 * the reason its session ended, as the server's counters name it.
 */
public enum Hostility {
    /** Five lines, then a TCP reset. */
    RESET_MIDWAY("incomplete"),
    /** Two lines and part of a third frame, then end of stream. */
    PARTIAL_FRAME("incomplete"),
    /** Reads the list and sends nothing until the server's idle timeout. */
    IDLE("idle_timeout"),
    /** A length prefix of 0xFFFFFFFF. */
    OVERSIZED_LENGTH("frame_too_long"),
    /** An HTTP request instead of frames. */
    GARBAGE("frame_too_long");

    private final String serverReason;

    Hostility(String serverReason) {
        this.serverReason = serverReason;
    }

    /** What the server's counters must record for this session: {@code incomplete} or an error kind. */
    public String serverReason() {
        return serverReason;
    }

    /** A handler that plays this part on one connection and reports whether it ended as it should. */
    ChannelInboundHandlerAdapter handler(Consumer<Boolean> ended) {
        return new ChannelInboundHandlerAdapter() {
            private boolean acted;
            private boolean done;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                switch (Hostility.this) {
                    case OVERSIZED_LENGTH ->
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(FrameHeader.of(FrameHeader.MAX_LENGTH)));
                    case GARBAGE ->
                        ctx.writeAndFlush(Unpooled.copiedBuffer(
                                "GET / HTTP/1.1\r\nHost: listlines\r\n\r\n", StandardCharsets.US_ASCII));
                    default -> {} // the others wait for the list
                }
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                if (acted) {
                    return;
                }
                acted = true;
                switch (Hostility.this) {
                    case RESET_MIDWAY -> {
                        ctx.writeAndFlush(SessionLines.message(Framing.FRAMED, 5))
                                .addListener(f -> {
                                    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                    finish(ctx, true);
                                });
                    }
                    case PARTIAL_FRAME -> {
                        // a third frame that announces 10 bytes and brings 3 of them
                        ByteBuf partial =
                                FrameHeader.write(Unpooled.buffer(7), 10).writeBytes(new byte[] {'H', 'e', 'y'});
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(SessionLines.message(Framing.FRAMED, 2), partial))
                                .addListener(f -> finish(ctx, true));
                    }
                    default -> {} // IDLE waits; the others wait for the server to close
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                // the server closed: right for the ones that wait for it
                finish(ctx, Hostility.this == IDLE || Hostility.this == OVERSIZED_LENGTH || Hostility.this == GARBAGE);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                // a reset from a server that closed with our bytes unread still ends the session as it should
                finish(ctx, Hostility.this != RESET_MIDWAY && Hostility.this != PARTIAL_FRAME);
            }

            private void finish(ChannelHandlerContext ctx, boolean asExpected) {
                if (!done) {
                    done = true;
                    ended.accept(asExpected);
                }
                ctx.close();
            }
        };
    }
}
