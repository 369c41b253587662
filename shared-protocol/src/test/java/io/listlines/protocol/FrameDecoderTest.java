package io.listlines.protocol;

import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
    private static final int MAX = 64;

    /** Reads every inbound payload, releasing each buffer. */
    static List<byte[]> readPayloads(EmbeddedChannel channel) {
        List<byte[]> payloads = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            try {
                payloads.add(ByteBufUtil.getBytes((ByteBuf) msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return payloads;
    }

    static List<String> readStrings(EmbeddedChannel channel) {
        return readPayloads(channel).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void wholeFramesOneByOne() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(frame("Hey. 0"))));
            assertEquals(List.of("Hey. 0"), readStrings(channel));
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(frame("Hey. 1"))));
            assertEquals(List.of("Hey. 1"), readStrings(channel));
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void frameSplitByteByByte() {
        byte[] bytes = concat(frame("Hey. 0"), frame(""), frame("\u00e9\u20ac"));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            List<String> lines = new ArrayList<>();
            List<Integer> completedAt = new ArrayList<>();
            for (int i = 0; i < bytes.length; i++) {
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {bytes[i]}));
                List<String> got = readStrings(channel);
                if (!got.isEmpty()) {
                    completedAt.add(i);
                }
                lines.addAll(got);
            }
            assertEquals(List.of("Hey. 0", "", "\u00e9\u20ac"), lines);
            // Each frame is delivered on its last byte, not before.
            assertEquals(List.of(9, 13, bytes.length - 1), completedAt);
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void manyFramesInOneBufferAndEmptyFrames() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String line = i % 10 == 0 ? "" : Protocol.clientLine(i);
            expected.add(line);
            all.writeBytes(frame(line));
        }
        all.writeBytes(new byte[] {0, 0, 0}); // start of the next prefix
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(all.toByteArray())));
            assertEquals(expected, readStrings(channel));
            // The last prefix completes: 0, an empty payload.
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0})));
            List<byte[]> payloads = readPayloads(channel);
            assertEquals(1, payloads.size());
            assertEquals(0, payloads.get(0).length);
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void exactlyTheMaximumIsAccepted() {
        byte[] payload = new byte[Protocol.DEFAULT_MAX_FRAME];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(Protocol.DEFAULT_MAX_FRAME));
        try {
            byte[] bytes = frame(payload);
            // In two pieces: the decoder waits for all of it.
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, 1000)));
            assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(bytes, 1000, bytes.length - 1000)));
            List<byte[]> payloads = readPayloads(channel);
            assertEquals(1, payloads.size());
            assertArrayEquals(payload, payloads.get(0));
            channel.checkException();
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {MAX + 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x0001_0000L})
    void overTheMaximumFailsOnThePrefixAlone(long announced) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            // The first three bytes are not enough to judge.
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(prefix(announced), 0, 3)));
            channel.checkException();
            FrameTooLongException e = assertThrows(
                    FrameTooLongException.class,
                    () -> channel.writeInbound(Unpooled.wrappedBuffer(prefix(announced), 3, 1)));
            assertTrue(e.getMessage().contains(Long.toString(announced)), e.getMessage());
            assertTrue(e.getMessage().contains(Integer.toString(MAX)), e.getMessage());
            assertNull(channel.readInbound());
            // Whatever follows is dropped without further exceptions, even valid frames.
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000])));
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(frame("Hey. 0"))));
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(prefix(announced))));
            channel.checkException();
            assertNull(channel.readInbound());
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
        channel.checkException();
    }

    @Test
    void overTheMaximumInTheSameBufferAsItsPayloadAndAfterAGoodFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        try {
            byte[] bytes = concat(frame("Hey. 0"), prefix(0xFFFF_FFFFL), new byte[5000]);
            assertThrows(FrameTooLongException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)));
            // The frame that came before the bad prefix was whole, so it was delivered.
            assertEquals(List.of("Hey. 0"), readStrings(channel));
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(frame("Hey. 1"))));
            channel.checkException();
            assertNull(channel.readInbound());
        } finally {
            assertFalse(channel.finishAndReleaseAll());
        }
    }

    @Test
    void partialFrameAtCloseIsReleasedQuietly() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        byte[] bytes = frame("Hey. 0");
        assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1)));
        assertFalse(channel.finishAndReleaseAll());
        channel.checkException();
    }
}
