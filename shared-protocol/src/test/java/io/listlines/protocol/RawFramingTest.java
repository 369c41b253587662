package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The raw framing's codecs: lines split anyhow, and pickles found by parsing, not by searching. */
class RawFramingTest {
    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static List<String> serverLines(EmbeddedChannel channel) {
        List<String> lines = new ArrayList<>();
        for (Object line; (line = channel.readInbound()) != null; ) {
            lines.add((String) line);
        }
        return lines;
    }

    private static EmbeddedChannel server(int maxLine) {
        return new EmbeddedChannel(new RawLineDecoder(maxLine), LineDecoder.INSTANCE);
    }

    @Test
    void linesMayArriveSplitOrManyAtOnce() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        channel.writeInbound(ascii("Hey. 0\nHey. 1\r\nHe"));
        channel.writeInbound(ascii("y"));
        channel.writeInbound(ascii(". 2\n\nHey. 3"));
        assertEquals(List.of("Hey. 0", "Hey. 1", "Hey. 2", ""), serverLines(channel));
        channel.writeInbound(ascii("\n"));
        assertEquals(List.of("Hey. 3"), serverLines(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineOfTheMaximumIsAcceptedAndOneByteMoreIsRefusedBeforeItsEnd() {
        EmbeddedChannel channel = server(8);
        channel.writeInbound(ascii("12345678\n"));
        assertEquals(List.of("12345678"), serverLines(channel));
        channel.writeInbound(ascii("1234"));
        assertThrows(ProtocolException.class, () -> channel.writeInbound(ascii("56789")));
        channel.writeInbound(ascii("more\n")); // dropped while the connection closes
        assertTrue(serverLines(channel).isEmpty());
        channel.finishAndReleaseAll();
    }

    @Test
    void invalidUtf8InARawLineIsRefused() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        assertThrows(
                ProtocolException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, '\n'})));
        channel.finishAndReleaseAll();
    }

    @Test
    void theServerSendsThePickleAlone() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        ListPayload list = ListPayload.of(Protocol.DEFAULT_LIST);
        channel.writeOutbound(ListFrame.of(list, Framing.RAW).message());
        ByteBuf out = channel.readOutbound();
        assertEquals(HexFormat.of().formatHex(list.pickle()), ByteBufUtil.hexDump(out));
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theClientFindsTheEndOfAPickleSplitAnywhere() {
        // The STOP byte '.' (0x2e) is also the value 46 inside: searching for it would cut the pickle short.
        List<Long> values = LongStream.range(0, 300)
                .map(i -> i % 2 == 0 ? 46 : 0x2e2e2e2eL)
                .boxed()
                .toList();
        byte[] pickle = PickledList.pickle(values);
        for (int chunk : new int[] {1, 7, 500, pickle.length}) {
            EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
            for (int at = 0; at < pickle.length; at += chunk) {
                assertNull(channel.readInbound(), "no list before the whole pickle");
                channel.writeInbound(Unpooled.wrappedBuffer(pickle, at, Math.min(chunk, pickle.length - at)));
            }
            assertEquals(values, channel.readInbound());
            channel.finishAndReleaseAll();
        }
    }

    /**
     * Heap buffers that count every read of their bytes (a byte, short, int or long at a time), so a
     * test can measure how much a decoder looks at, not how long it takes. Not leak-tracked: at
     * PARANOID the detector records a stack trace on every access, which for the byte-by-byte reads
     * below costs seconds; the test releases every buffer itself (the channel's finish).
     */
    private static final class CountingAllocator extends AbstractByteBufAllocator {
        private long reads;

        CountingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
                @Override
                protected byte _getByte(int index) {
                    reads++;
                    return super._getByte(index);
                }

                @Override
                protected short _getShortLE(int index) {
                    reads++;
                    return super._getShortLE(index);
                }

                @Override
                protected int _getIntLE(int index) {
                    reads++;
                    return super._getIntLE(index);
                }

                @Override
                protected long _getLongLE(int index) {
                    reads++;
                    return super._getLongLE(index);
                }
            };
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    /**
     * A big pickle, one byte per read: the raw client interprets each byte once as it arrives (the
     * scan keeps its place; re-parsing from the first byte on every read would look at about n²/2
     * bytes), then the list decoder reads the whole pickle once more. Every buffer the decoders see
     * comes from a counting allocator, so the work is counted, not timed. Protocol 2 (binary
     * arguments of 1, 2, 4 and up to 8 bytes, each cut by the reads) and protocol 0 (decimal
     * arguments of up to 21 characters, whose newline search is cut by every read).
     */
    @Test
    void aBigPickleOneBytePerReadIsReadInLinearWork() {
        List<Long> values = LongStream.range(0, 2500)
                .map(i -> (i * 0x9E3779B97F4A7C15L) >> (i % 64))
                .boxed()
                .toList();
        StringBuilder text = new StringBuilder("(lp0\n");
        values.forEach(v -> text.append('L').append(v).append("L\na"));
        byte[] protocol0 = text.append('.').toString().getBytes(StandardCharsets.US_ASCII);
        for (byte[] pickle : List.of(PickledList.pickle(values), protocol0)) {
            CountingAllocator alloc = new CountingAllocator();
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.config().setAllocator(alloc);
            channel.pipeline()
                    .addLast(new RawPickleDecoder(Protocol.DEFAULT_MAX_FRAME), ListDecoder.INSTANCE, LineEncoder.RAW);
            try {
                for (byte b : pickle) {
                    assertNull(channel.readInbound(), "no list before the whole pickle");
                    channel.writeInbound(alloc.heapBuffer(1).writeByte(b));
                }
                assertEquals(values, channel.readInbound());
            } finally {
                channel.finishAndReleaseAll();
            }
            long n = pickle.length;
            // once by the scan (plus the length bytes of a LONG1 cut short), once by the list decoder
            assertTrue(
                    alloc.reads <= 3 * n,
                    alloc.reads + " reads of the buffers for a " + n + "-byte pickle fed one byte per read");
            assertTrue(alloc.reads >= 2 * n, "the count sees both passes: " + alloc.reads + " for " + n + " bytes");
        }
    }

    @Test
    void theClientRefusesBytesAfterTheListAndPicklesThatNeverEnd() {
        EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
        byte[] pickle = PickledList.pickle(Protocol.DEFAULT_LIST);
        ByteBuf withExtra = Unpooled.buffer().writeBytes(pickle).writeBytes(new byte[] {1, 2});
        assertThrows(ProtocolException.class, () -> channel.writeInbound(withExtra));
        assertEquals(Protocol.DEFAULT_LIST, channel.readInbound());
        channel.finishAndReleaseAll();

        EmbeddedChannel endless = rawClient(64);
        byte[] opening = HexFormat.of().parseHex("80025d710028"); // PROTO 2, EMPTY_LIST, BINPUT, MARK
        endless.writeInbound(Unpooled.wrappedBuffer(opening));
        byte[] ints = new byte[80];
        for (int i = 0; i < ints.length; i += 2) {
            ints[i] = 'K';
            ints[i + 1] = 1;
        }
        assertThrows(ListFormatException.class, () -> endless.writeInbound(Unpooled.wrappedBuffer(ints)));
        endless.finishAndReleaseAll();
    }

    @Test
    void theClientWritesLinesWithNewlines() {
        EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
        channel.writeOutbound("Hey. 0");
        ByteBuf out = channel.readOutbound();
        assertEquals("Hey. 0\n", out.toString(StandardCharsets.UTF_8));
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theBlockingCodecReadsRawLines() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        BlockingCodec codec = new BlockingCodec(
                new ByteArrayInputStream("a\nb\r\n\nc".getBytes(StandardCharsets.UTF_8)), written, 8, Framing.RAW);
        assertEquals("a", codec.readLine());
        assertEquals("b", codec.readLine());
        assertEquals("", codec.readLine());
        assertThrows(EOFException.class, codec::readLine);
        codec.writeEncoded(ListFrame.bytes(new byte[] {1, 2, 3}, Framing.RAW));
        assertEquals(3, written.size());

        BlockingCodec longLine = new BlockingCodec(
                new ByteArrayInputStream("123456789\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                8,
                Framing.RAW);
        assertThrows(ProtocolException.class, longLine::readLine);
        BlockingCodec empty =
                new BlockingCodec(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), 8, Framing.RAW);
        assertNull(empty.readLine());
    }

    /** The raw client's codecs, as the client's pipeline has them. */
    private static EmbeddedChannel rawClient(int maxFrame) {
        return new EmbeddedChannel(new RawPickleDecoder(maxFrame), ListDecoder.INSTANCE, LineEncoder.RAW);
    }
}
