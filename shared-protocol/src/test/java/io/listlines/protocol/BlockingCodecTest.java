package io.listlines.protocol;

import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.testing.SocketInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlockingCodecTest {
    private static final OutputStream NO_OUTPUT = OutputStream.nullOutputStream();

    private static BlockingCodec reading(byte[] bytes, int maxFrame) {
        return new BlockingCodec(new ByteArrayInputStream(bytes), NO_OUTPUT, maxFrame, Framing.FRAMED);
    }

    /** Hands out its bytes, then fails the test if anything reads further (where a socket would block). */
    private static final class Tripwire extends SocketInput {
        private final byte[] bytes;
        private int pos;

        Tripwire(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        protected int arrived(byte[] b, int off, int len) {
            if (pos == bytes.length) {
                throw new AssertionError(
                        "read past the " + bytes.length + " bytes at hand: the codec waited for the payload");
            }
            // One byte at a time, as a slow socket might deliver them.
            b[off] = bytes[pos++];
            return 1;
        }
    }

    @Test
    void readsFramesThenNullAtCleanEndOfStream() throws IOException {
        byte[] big = new byte[20_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        BlockingCodec codec = reading(
                concat(frame("Hey. 0"), frame(new byte[0]), frame(big), frame("\u00e9")), Protocol.DEFAULT_MAX_FRAME);
        assertArrayEquals("Hey. 0".getBytes(StandardCharsets.US_ASCII), codec.readFrame());
        assertArrayEquals(new byte[0], codec.readFrame());
        assertArrayEquals(big, codec.readFrame());
        assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), codec.readFrame());
        assertNull(codec.readFrame());
        assertNull(codec.readFrame());
        assertNull(reading(new byte[0], Protocol.DEFAULT_MAX_FRAME).readFrame());
    }

    @Test
    void readsFramesFromASlowStream() throws IOException {
        byte[] bytes = concat(frame("Hey. 0"), frame("Hey. 1"));
        BlockingCodec codec = new BlockingCodec(new Tripwire(bytes), NO_OUTPUT, 16, Framing.FRAMED);
        assertEquals("Hey. 0", codec.readLine());
        assertEquals("Hey. 1", codec.readLine());
    }

    @Test
    void exactlyTheMaximumIsAccepted() throws IOException {
        assertArrayEquals(new byte[16], reading(frame(new byte[16]), 16).readFrame());
        assertArrayEquals(
                new byte[Protocol.DEFAULT_MAX_FRAME],
                reading(frame(new byte[Protocol.DEFAULT_MAX_FRAME]), Protocol.DEFAULT_MAX_FRAME)
                        .readFrame());
    }

    @Test
    void endOfStreamInsideAFrameIsEofException() {
        for (byte[] bytes : new byte[][] {
            {0}, {0, 0}, {0, 0, 0}, {0, 0, 0, 6}, concat(prefix(6), "Hey.".getBytes(StandardCharsets.US_ASCII))
        }) {
            BlockingCodec codec = reading(bytes, Protocol.DEFAULT_MAX_FRAME);
            assertThrows(
                    EOFException.class, codec::readFrame, () -> HexFormat.of().formatHex(bytes));
        }
        BlockingCodec afterOne = reading(concat(frame("a"), new byte[] {0, 0}), Protocol.DEFAULT_MAX_FRAME);
        assertThrows(EOFException.class, () -> {
            assertArrayEquals(new byte[] {'a'}, afterOne.readFrame());
            afterOne.readFrame();
        });
    }

    @Test
    void overTheMaximumFailsOnThePrefixWithoutReadingThePayload() throws IOException {
        int max = 64;
        for (long announced :
                new long[] {max + 1, Protocol.DEFAULT_MAX_FRAME, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL}) {
            BlockingCodec codec = new BlockingCodec(new Tripwire(prefix(announced)), NO_OUTPUT, max, Framing.FRAMED);
            FrameTooLongException e =
                    assertThrows(FrameTooLongException.class, codec::readFrame, () -> "prefix " + announced);
            assertTrue(e.getMessage().contains(Long.toString(announced)), e.getMessage());
        }
        // With the largest maximum, a 2 GiB or 4 GiB prefix is refused before anything is allocated.
        for (long announced : new long[] {0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL}) {
            BlockingCodec codec = new BlockingCodec(
                    new Tripwire(prefix(announced)), NO_OUTPUT, Protocol.MAX_FRAME_LIMIT, Framing.FRAMED);
            assertThrows(FrameTooLongException.class, codec::readFrame);
        }
        // A good frame before the bad prefix is still read.
        BlockingCodec codec = new BlockingCodec(
                new Tripwire(concat(frame("ok"), prefix(0xFFFF_FFFFL))), NO_OUTPUT, max, Framing.FRAMED);
        assertEquals("ok", codec.readLine());
        assertThrows(FrameTooLongException.class, codec::readLine);
    }

    @Test
    void writeEncodedWritesAFrameAsItIsAndFlushes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockingCodec codec =
                new BlockingCodec(InputStream.nullInputStream(), out, Protocol.DEFAULT_MAX_FRAME, Framing.FRAMED);
        codec.writeEncoded(ListFrame.bytes("Hey. 0".getBytes(StandardCharsets.US_ASCII), Framing.FRAMED));
        assertArrayEquals(
                concat(new byte[] {0, 0, 0, 6}, "Hey. 0".getBytes(StandardCharsets.US_ASCII)), out.toByteArray());
        codec.writeEncoded(ListFrame.bytes(new byte[0], Framing.FRAMED));
        byte[] big = new byte[70_000]; // larger than the buffer, and than the default maximum
        big[69_999] = 42;
        codec.writeEncoded(ListFrame.bytes(big, Framing.FRAMED));
        byte[] expected =
                concat(frame("Hey. 0"), frame(new byte[0]), HexFormat.of().parseHex("00011170"), big);
        assertArrayEquals(expected, out.toByteArray());
        // What one codec writes, another reads back.
        BlockingCodec reader = reading(out.toByteArray(), 100_000);
        assertEquals("Hey. 0", reader.readLine());
        assertEquals("", reader.readLine());
        assertArrayEquals(big, reader.readFrame());
        assertNull(reader.readLine());
    }

    @Test
    void readLineFollowsTheLineRules() throws IOException {
        BlockingCodec codec = reading(
                concat(
                        frame("Hey. 0\n"),
                        frame("Hey. 1\r\n"),
                        frame("a\n\n"),
                        frame("a\r"),
                        frame(""),
                        frame("\u00e9\u20ac"),
                        frame(HexFormat.of().parseHex("c0af")),
                        frame("after")),
                Protocol.DEFAULT_MAX_FRAME);
        assertEquals("Hey. 0", codec.readLine());
        assertEquals("Hey. 1", codec.readLine());
        assertEquals("a\n", codec.readLine());
        assertEquals("a\r", codec.readLine());
        assertEquals("", codec.readLine());
        assertEquals("\u00e9\u20ac", codec.readLine());
        ProtocolException e = assertThrows(ProtocolException.class, codec::readLine);
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertEquals("after", codec.readLine(), "the bad frame was consumed whole");
        assertNull(codec.readLine());
    }

    /** Counts the writes and flushes that reach it. */
    private static final class CountingOutput extends ByteArrayOutputStream {
        int writes;
        int flushes;

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public void write(int b) {
            writes++;
            super.write(b);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void theListGoesOutInOneWriteWithoutAnOutputBuffer() throws IOException {
        byte[] pickle = PickledList.pickle(Protocol.DEFAULT_LIST);
        for (Framing framing : Framing.values()) {
            CountingOutput out = new CountingOutput();
            BlockingCodec codec = new BlockingCodec(InputStream.nullInputStream(), out, 16, framing);
            codec.writeEncoded(ListFrame.bytes(pickle, framing));
            assertEquals(1, out.writes, framing + ": one write, header and pickle together");
            assertEquals(1, out.flushes, framing.toString());
            assertArrayEquals(framing == Framing.FRAMED ? frame(pickle) : pickle, out.toByteArray());

            byte[] encoded = ListFrame.bytes(ListPayload.of(Protocol.DEFAULT_LIST), framing);
            CountingOutput again = new CountingOutput();
            new BlockingCodec(InputStream.nullInputStream(), again, 16, framing).writeEncoded(encoded);
            assertEquals(1, again.writes, framing.toString());
            assertArrayEquals(out.toByteArray(), again.toByteArray(), "the shared bytes are the same message");
        }
    }

    @Test
    void framesOfEverySizeAroundTheReadBufferReadBack() throws IOException {
        int[] sizes = {
            0, 1, BlockingCodec.SMALL - 5, BlockingCodec.SMALL - 4, BlockingCodec.SMALL, 3 * BlockingCodec.SMALL, 70
        };
        byte[][] payloads = new byte[sizes.length][];
        byte[][] frames = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            payloads[i] = new byte[sizes[i]];
            Arrays.fill(payloads[i], (byte) ('a' + i));
            frames[i] = frame(payloads[i]);
        }
        // All at once (many frames per read), and one byte per read (a frame split everywhere).
        for (boolean slow : new boolean[] {false, true}) {
            byte[] bytes = concat(frames);
            InputStream in = slow ? new Tripwire(bytes) : new ByteArrayInputStream(bytes);
            BlockingCodec codec = new BlockingCodec(in, NO_OUTPUT, Protocol.DEFAULT_MAX_FRAME, Framing.FRAMED);
            for (int i = 0; i < sizes.length; i++) {
                if (i % 2 == 0) {
                    assertEquals(new String(payloads[i], StandardCharsets.US_ASCII), codec.readLine(), "frame " + i);
                } else {
                    assertArrayEquals(payloads[i], codec.readFrame(), "frame " + i);
                }
            }
            if (!slow) {
                assertNull(codec.readLine());
            }
        }
    }

    @Test
    void rawLinesLongerThanTheReadBufferUpToTheMaximum() throws IOException {
        int max = 5 * BlockingCodec.SMALL + 3;
        String longest = "x".repeat(max);
        byte[] bytes = (longest + "\nshort\n" + "y".repeat(2 * BlockingCodec.SMALL) + "\r\nlast\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (boolean slow : new boolean[] {false, true}) {
            InputStream in = slow ? new Tripwire(bytes) : new ByteArrayInputStream(bytes);
            BlockingCodec codec = new BlockingCodec(in, NO_OUTPUT, max, Framing.RAW);
            assertEquals(longest, codec.readLine(), "a line of the maximum, and its newline");
            assertEquals("short", codec.readLine());
            assertEquals("y".repeat(2 * BlockingCodec.SMALL), codec.readLine());
            assertEquals("last", codec.readLine());
        }
        BlockingCodec over = new BlockingCodec(
                new Tripwire(("x".repeat(max + 1)).getBytes(StandardCharsets.US_ASCII)), NO_OUTPUT, max, Framing.RAW);
        ProtocolException e =
                assertThrows(ProtocolException.class, over::readLine, "refused at the byte over the maximum");
        assertEquals("line_too_long", e.kind());
    }
}
