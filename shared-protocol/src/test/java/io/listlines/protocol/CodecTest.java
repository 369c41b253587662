package io.listlines.protocol;

import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.lineFrames;
import static io.listlines.testing.Frames.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.testing.Pickles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Netty pipeline pieces, alone and as the client's and the server's pipelines. */
class CodecTest {

    /** Drains the outbound side into one byte array, releasing every buffer. */
    static byte[] outboundBytes(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            try {
                ByteBuf buf = (ByteBuf) msg;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                out.writeBytes(bytes);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out.toByteArray();
    }

    /** Every inbound message, releasing any reference-counted ones. */
    static List<Object> inbound(EmbeddedChannel channel) {
        List<Object> messages = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            messages.add(msg);
            ReferenceCountUtil.release(msg);
        }
        return messages;
    }

    static EmbeddedChannel channel(ChannelHandler... handlers) {
        return new EmbeddedChannel(handlers);
    }

    /** Checks that {@code channel}'s inbound side refuses {@code bytes} with {@code type}; returns the refusal. */
    static <T extends Throwable> T refuses(Class<T> type, EmbeddedChannel channel, byte[] bytes) {
        return assertThrows(type, () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
    }

    @Test
    void lineEncoderAndPrependerMakeOneFrame() {
        EmbeddedChannel channel = channel(LineEncoder.FRAMED);
        try {
            assertTrue(channel.writeOutbound("Hey. 0"));
            assertArrayEquals(
                    concat(new byte[] {0, 0, 0, 6}, "Hey. 0".getBytes(StandardCharsets.US_ASCII)),
                    outboundBytes(channel));
            assertTrue(channel.writeOutbound(""));
            assertArrayEquals(new byte[] {0, 0, 0, 0}, outboundBytes(channel));
            assertTrue(channel.writeOutbound(new StringBuilder("\u00e9\u20ac")));
            assertArrayEquals(HexFormat.of().parseHex("00000005c3a9e282ac"), outboundBytes(channel));
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void listFrameIsTheLengthAndThePickleOrThePickleAlone() {
        ListPayload list = ListPayload.of(Protocol.DEFAULT_LIST);
        assertArrayEquals(PickledList.pickle(Protocol.DEFAULT_LIST), list.pickle());
        ListFrame framed = ListFrame.of(list, Framing.FRAMED);
        ListFrame raw = ListFrame.of(list, Framing.RAW);
        assertArrayEquals(frame(list.pickle()), ByteBufUtil.getBytes(framed.message()));
        assertArrayEquals(list.pickle(), ByteBufUtil.getBytes(raw.message()));
        assertEquals(
                list.pickle().length + Protocol.LENGTH_FIELD_BYTES,
                framed.message().readableBytes());
    }

    @Test
    void sessionLinesAreTheTenLinesAsTheLineEncoderWritesThem() {
        for (Framing framing : Framing.values()) {
            EmbeddedChannel channel = channel(framing == Framing.FRAMED ? LineEncoder.FRAMED : LineEncoder.RAW);
            try {
                for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                    assertTrue(channel.writeOutbound(Protocol.clientLine(i)));
                }
                byte[] oneByOne = outboundBytes(channel);
                ByteBuf block = SessionLines.message(framing);
                assertTrue(block.isDirect(), "shared and direct: written as it is");
                assertArrayEquals(oneByOne, ByteBufUtil.getBytes(block), framing.toString());
                assertFalse(block.release(), "a connection's release does not free the shared lines");
                assertTrue(channel.writeOutbound(SessionLines.message(framing)));
                assertArrayEquals(oneByOne, outboundBytes(channel), "the line encoder lets encoded lines pass");
            } finally {
                assertFalse(channel.finishAndReleaseAll());
            }
        }
    }

    @Test
    void sessionLinesCutShortAreTheFirstLines() {
        StringBuilder raw = new StringBuilder();
        for (int n = 0; n <= Protocol.LINES_PER_SESSION; n++) {
            assertArrayEquals(
                    lineFrames(n), ByteBufUtil.getBytes(SessionLines.message(Framing.FRAMED, n)), n + " framed lines");
            assertArrayEquals(
                    raw.toString().getBytes(StandardCharsets.UTF_8),
                    ByteBufUtil.getBytes(SessionLines.message(Framing.RAW, n)),
                    n + " raw lines");
            raw.append(Protocol.clientLine(n)).append('\n');
        }
        assertThrows(IllegalArgumentException.class, () -> SessionLines.message(Framing.FRAMED, 11));
        assertFalse(
                SessionLines.message(Framing.FRAMED, 5).release(), "shared: a connection's release does not free it");
    }

    @Test
    void listFrameMessagesShareOneDirectBufferThatNoConnectionCanFree() {
        ListFrame list = ListFrame.of(ListPayload.of(Protocol.DEFAULT_LIST), Framing.FRAMED);
        ByteBuf first = list.message();
        ByteBuf second = list.message();
        // Direct, so a socket transport writes it as it is instead of copying it per connection.
        assertTrue(first.isDirect());
        first.skipBytes(first.readableBytes());
        assertFalse(first.release(), "a connection's release does not free the shared bytes");
        assertEquals(list.message().readableBytes(), second.readableBytes(), "each message has its own index");
        assertArrayEquals(frame(PickledList.pickle(Protocol.DEFAULT_LIST)), ByteBufUtil.getBytes(list.message()));
        assertThrows(ReadOnlyBufferException.class, () -> second.setByte(0, 1));
    }

    @Test
    void listPayloadCopiesItsList() {
        List<Long> values = new ArrayList<>(List.of(1L, 2L));
        ListPayload payload = ListPayload.of(values);
        values.add(3L);
        assertEquals(List.of(1L, 2L), payload.values());
        assertEquals(List.of(1L, 2L), Pickles.unpickle(payload.pickle()));
    }

    @Test
    void listDecoderDecodesAndRejects() {
        EmbeddedChannel channel = channel(ListDecoder.INSTANCE);
        try {
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(PickledList.pickle(List.of(5L, -5L)))));
            assertEquals(List.of(List.of(5L, -5L)), inbound(channel));
            ListFormatException e =
                    refuses(ListFormatException.class, channel, HexFormat.of().parseHex("80025d71004b01612e78797a"));
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
            refuses(ListFormatException.class, channel, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            refuses(ListFormatException.class, channel, new byte[0]);
            assertNull(channel.readInbound());
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void lineDecoderDecodesAndRejects() {
        EmbeddedChannel channel = channel(LineDecoder.INSTANCE);
        try {
            assertTrue(channel.writeInbound(Unpooled.copiedBuffer("Hey. 0\n", StandardCharsets.UTF_8)));
            assertTrue(channel.writeInbound(Unpooled.copiedBuffer("Hey. 1\r\n", StandardCharsets.UTF_8)));
            assertTrue(channel.writeInbound(Unpooled.EMPTY_BUFFER));
            assertTrue(channel.writeInbound(Unpooled.copiedBuffer("\u00e9\n\n", StandardCharsets.UTF_8)));
            // A payload that is a slice in the middle of a larger buffer.
            ByteBuf big = Unpooled.copiedBuffer("xxHey. 2\nyy", StandardCharsets.UTF_8);
            try {
                assertTrue(channel.writeInbound(big.retainedSlice(2, 7)));
            } finally {
                big.release();
            }
            assertEquals(List.of("Hey. 0", "Hey. 1", "", "\u00e9\n", "Hey. 2"), inbound(channel));
            ProtocolException e =
                    refuses(ProtocolException.class, channel, HexFormat.of().parseHex("48c0af0a"));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
            refuses(ProtocolException.class, channel, HexFormat.of().parseHex("eda080"));
            assertNull(channel.readInbound());
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void frameDecoderThenLineDecoderRejectsInvalidUtf8InAFrame() {
        EmbeddedChannel channel = channel(new FrameDecoder(Protocol.DEFAULT_MAX_FRAME), LineDecoder.INSTANCE);
        try {
            byte[] bytes = concat(frame("Hey. 0"), frame(HexFormat.of().parseHex("ff")), frame("Hey. 2"));
            refuses(ProtocolException.class, channel, bytes);
            List<Object> lines = inbound(channel);
            assertTrue(lines.contains("Hey. 0"), lines.toString());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    static EmbeddedChannel clientPipeline() {
        return channel(new FrameDecoder(Protocol.DEFAULT_MAX_FRAME), ListDecoder.INSTANCE, LineEncoder.FRAMED);
    }

    static EmbeddedChannel serverPipeline() {
        return channel(new FrameDecoder(Protocol.DEFAULT_MAX_FRAME), LineDecoder.INSTANCE);
    }

    /**
     * The server's and the client's pipelines, to talk to each other. Closing them checks that
     * neither holds anything back (after a failing test body, as a suppressed error: the body's stays first).
     */
    record Pipelines(EmbeddedChannel server, EmbeddedChannel client) implements AutoCloseable {
        static Pipelines open() {
            return new Pipelines(serverPipeline(), clientPipeline());
        }

        @Override
        public void close() {
            assertFalse(server.finishAndReleaseAll());
            assertFalse(client.finishAndReleaseAll());
        }
    }

    /** Moves everything {@code from} wrote into {@code to}'s inbound side, buffer by buffer. */
    static void pipe(EmbeddedChannel from, EmbeddedChannel to) {
        for (Object msg; (msg = from.readOutbound()) != null; ) {
            to.writeInbound(msg);
        }
    }

    @Test
    void clientAndServerPipelinesTalk() {
        List<Long> values = List.of(1L, 2L, 7L, 9L, 0L, Long.MIN_VALUE, Long.MAX_VALUE);
        try (Pipelines pipelines = Pipelines.open()) {
            EmbeddedChannel server = pipelines.server();
            EmbeddedChannel client = pipelines.client();
            assertTrue(server.writeOutbound(
                    ListFrame.of(ListPayload.of(values), Framing.FRAMED).message()));
            pipe(server, client);
            assertEquals(List.of(values), inbound(client));
            for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                assertTrue(client.writeOutbound(Protocol.clientLine(i)));
            }
            pipe(client, server);
            List<Object> lines = inbound(server);
            assertEquals(Protocol.LINES_PER_SESSION, lines.size());
            for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
                assertEquals(Protocol.clientLine(i), lines.get(i));
            }
        }
    }

    @Test
    void pipelinesTalkOneByteAtATime() {
        try (Pipelines pipelines = Pipelines.open()) {
            EmbeddedChannel server = pipelines.server();
            EmbeddedChannel client = pipelines.client();
            server.writeOutbound(
                    ListFrame.of(ListPayload.of(List.of()), Framing.FRAMED).message());
            byte[] listFrame = outboundBytes(server);
            assertArrayEquals(frame(PickledList.pickle(List.of())), listFrame);
            for (byte b : listFrame) {
                client.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            assertEquals(List.of(List.of()), inbound(client));

            client.writeOutbound("Hey. 0\n");
            client.writeOutbound("");
            client.writeOutbound("\u00e9");
            byte[] lineFrames = outboundBytes(client);
            for (byte b : lineFrames) {
                server.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
            assertEquals(List.of("Hey. 0", "", "\u00e9"), inbound(server));
        }
    }

    @Test
    void clientPipelineRejectsABadListFrameAndAnOversizedOne() {
        EmbeddedChannel client = clientPipeline();
        try {
            refuses(ListFormatException.class, client, frame(HexFormat.of().parseHex("800258ffffff7f")));
            assertNull(client.readInbound());
        } finally {
            client.finishAndReleaseAll();
        }
        EmbeddedChannel other = clientPipeline();
        try {
            refuses(FrameTooLongException.class, other, prefix(0xFFFF_FFFFL));
            assertNull(other.readInbound());
        } finally {
            other.finishAndReleaseAll();
        }
    }
}
