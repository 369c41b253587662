package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.listlines.testing.Pickles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PickledListTest {

    /** One line of pickles/vectors.txt. */
    record Vector(boolean accept, String name, byte[] bytes, String expected) {
        @Override
        public String toString() {
            return (accept ? "accept " : "reject ") + name;
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = PickledListTest.class.getResourceAsStream("/pickles/vectors.txt")) {
            assertNotNull(in, "pickles/vectors.txt is on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String text; (text = reader.readLine()) != null; ) {
                String line = text;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ", 4);
                assertEquals(4, parts.length, () -> "malformed vector line: " + line);
                boolean accept = switch (parts[0]) {
                    case "accept" -> true;
                    case "reject" -> false;
                    default -> throw new AssertionError("malformed vector line: " + line);
                };
                vectors.add(new Vector(accept, parts[1], HexFormat.of().parseHex(parts[2]), parts[3]));
            }
        }
        assertTrue(vectors.size() > 100, "expected the full set of vectors, got " + vectors.size());
        return vectors;
    }

    static Stream<Arguments> allVectors() throws IOException {
        return vectors().stream().map(v -> Arguments.of(v.name(), v));
    }

    static List<Vector> accepted() throws IOException {
        return vectors().stream().filter(Vector::accept).toList();
    }

    /** A Python list literal without spaces: {@code [1,2,7,9,0]}, {@code []}. */
    static List<Long> parsePythonList(String literal) {
        assertTrue(literal.startsWith("[") && literal.endsWith("]"), "not a list literal: " + literal);
        String body = literal.substring(1, literal.length() - 1);
        if (body.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(body.split(",")).map(Long::parseLong).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void vector(String name, Vector vector) {
        if (vector.accept()) {
            assertEquals(parsePythonList(vector.expected()), Pickles.unpickle(vector.bytes()), name);
        } else {
            ListFormatException e =
                    assertThrows(ListFormatException.class, () -> Pickles.unpickle(vector.bytes()), name);
            assertNotNull(e.getMessage());
            assertTrue(
                    e.getMessage()
                            .toLowerCase(Locale.ROOT)
                            .contains(vector.expected().toLowerCase(Locale.ROOT)),
                    () -> name + ": message '" + e.getMessage() + "' should contain '" + vector.expected() + "'");
        }
    }

    @Test
    void acceptedVectorsCoverEveryProtocolAndDecodeFromByteBuf() throws IOException {
        for (int proto = 0; proto <= 5; proto++) {
            String suffix = "-p" + proto;
            assertTrue(
                    accepted().stream().anyMatch(v -> v.name().endsWith(suffix)),
                    "accept vectors for protocol " + proto);
        }
        for (Vector v : accepted()) {
            ByteBuf buf = Unpooled.wrappedBuffer(v.bytes());
            try {
                assertEquals(parsePythonList(v.expected()), PickledList.unpickle(buf), v.name());
                assertEquals(0, buf.readableBytes(), v.name());
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void roundTrip() {
        List<List<Long>> lists = List.of(
                List.of(),
                List.of(1L, 2L, 7L, 9L, 0L),
                List.of(0L),
                List.of(Long.MIN_VALUE),
                List.of(Long.MAX_VALUE),
                List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1L),
                List.of(
                        255L,
                        256L,
                        65535L,
                        65536L,
                        -128L,
                        -129L,
                        -32768L,
                        -32769L,
                        (long) Integer.MAX_VALUE,
                        (long) Integer.MAX_VALUE + 1,
                        (long) Integer.MIN_VALUE,
                        (long) Integer.MIN_VALUE - 1,
                        1L << 40,
                        -(1L << 40),
                        1L << 62,
                        -(1L << 62)),
                LongStream.range(0, 3000)
                        .map(i -> i * 7919 - 10_000_000L)
                        .boxed()
                        .toList(),
                LongStream.range(0, 3000)
                        .map(i -> i * 0x9E3779B97F4A7C15L)
                        .boxed()
                        .toList());
        for (List<Long> list : lists) {
            byte[] pickle = PickledList.pickle(list);
            assertEquals(list, Pickles.unpickle(pickle), () -> "round trip of a list of " + list.size());
        }
    }

    @Test
    void pickleIsProtocol2AndReprIsPythons() {
        byte[] pickle = PickledList.pickle(Protocol.DEFAULT_LIST);
        assertTrue(pickle.length > 2);
        assertEquals((byte) 0x80, pickle[0]);
        assertEquals((byte) 0x02, pickle[1]);
        assertEquals('.', pickle[pickle.length - 1], "ends with STOP");
        assertEquals("[1, 2, 7, 9, 0]", PickledList.repr(Protocol.DEFAULT_LIST));
        assertEquals("[]", PickledList.repr(List.of()));
        List<Long> list = Pickles.unpickle(PickledList.pickle(Protocol.DEFAULT_LIST));
        assertThrows(UnsupportedOperationException.class, () -> list.add(3L));
    }

    /** Every proper prefix: null, nothing consumed; also when the buffer does not start at index 0. */
    private static void assertPrefixesIncomplete(String name, byte[] pickle, int step) {
        ByteBuf buf = Unpooled.buffer(pickle.length + 3);
        try {
            List<Integer> lengths = new ArrayList<>();
            for (int n = 0; n < pickle.length; n += step) {
                lengths.add(n);
            }
            lengths.add(pickle.length - 1);
            for (int n : lengths) {
                buf.clear();
                buf.writeBytes(new byte[] {9, 9, 9});
                buf.skipBytes(3);
                buf.writeBytes(pickle, 0, n);
                int reader = buf.readerIndex();
                int writer = buf.writerIndex();
                final int length = n;
                assertNull(Pickles.tryUnpickle(buf), () -> name + ": prefix of " + length + " bytes");
                assertEquals(
                        reader, buf.readerIndex(), () -> name + ": prefix of " + length + " bytes moved readerIndex");
                assertEquals(writer, buf.writerIndex());
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void tryUnpickleOnEveryProperPrefixReturnsNull() throws IOException {
        List<byte[]> pickles = new ArrayList<>();
        pickles.add(PickledList.pickle(Protocol.DEFAULT_LIST));
        pickles.add(PickledList.pickle(List.of()));
        pickles.add(PickledList.pickle(List.of(Long.MIN_VALUE, 46L, Long.MAX_VALUE, 0x2e2e2e2eL, -1L)));
        for (byte[] p : pickles) {
            assertPrefixesIncomplete("pickle", p, 1);
        }
        for (Vector v : accepted()) {
            // The batched 2500-item vectors are long: every prefix of the short ones, a spread of the long ones.
            assertPrefixesIncomplete(v.name(), v.bytes(), v.bytes().length < 1000 ? 1 : 37);
        }
    }

    @Test
    void tryUnpickleLeavesExactlyTheExtraBytes() throws IOException {
        byte[] extra = {'.', 0x2e, 'K', 0x01, (byte) 0x80, 0x02, ']', '.'};
        List<byte[]> pickles = new ArrayList<>();
        List<List<Long>> expected = new ArrayList<>();
        pickles.add(PickledList.pickle(Protocol.DEFAULT_LIST));
        expected.add(Protocol.DEFAULT_LIST);
        for (Vector v : accepted()) {
            pickles.add(v.bytes());
            expected.add(parsePythonList(v.expected()));
        }
        for (int i = 0; i < pickles.size(); i++) {
            byte[] pickle = pickles.get(i);
            ByteBuf buf = Unpooled.buffer();
            try {
                buf.writeBytes(pickle).writeBytes(extra);
                assertEquals(expected.get(i), Pickles.tryUnpickle(buf));
                assertEquals(extra.length, buf.readableBytes());
                byte[] rest = new byte[extra.length];
                buf.readBytes(rest);
                assertArrayEquals(extra, rest);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void tryUnpickleReadsConsecutivePickles() {
        byte[] a = PickledList.pickle(List.of(1L, 2L));
        byte[] b = PickledList.pickle(List.of(3L));
        ByteBuf buf = Unpooled.wrappedBuffer(a, b);
        try {
            assertEquals(List.of(1L, 2L), Pickles.tryUnpickle(buf));
            assertEquals(List.of(3L), Pickles.tryUnpickle(buf));
            assertEquals(0, buf.readableBytes());
            assertNull(Pickles.tryUnpickle(buf));
        } finally {
            buf.release();
        }
        // Bytes that cannot begin a list are refused at once, not awaited.
        ByteBuf http = Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        try {
            assertThrows(ListFormatException.class, () -> Pickles.tryUnpickle(http));
        } finally {
            http.release();
        }
    }

    @Test
    void aScanKeepsItsPlaceAsTheBytesArrive() {
        // protocol 2 with STOP bytes inside arguments, and protocol 0 with a decimal argument cut anywhere
        byte[] binary = PickledList.pickle(List.of(46L, 0x2e2e2eL, Long.MIN_VALUE, 0x2e2e2e2e2e2eL));
        byte[] text = "(lp0\nL-9223372036854775808L\naI46\na.".getBytes(StandardCharsets.US_ASCII);
        for (byte[] pickle : List.of(binary, text)) {
            ByteBuf buf = Unpooled.buffer();
            try {
                buf.writeBytes(new byte[] {'.', '.'}).skipBytes(2); // the pickle does not start at index 0
                PickledList.Scan scan = new PickledList.Scan();
                for (int i = 0; i < pickle.length - 1; i++) {
                    buf.writeByte(pickle[i]);
                    assertEquals(-1, scan.advance(buf), "after " + (i + 1) + " of " + pickle.length + " bytes");
                }
                buf.writeByte(pickle[pickle.length - 1]).writeBytes(new byte[] {'.', 'K', 1});
                assertEquals(
                        pickle.length, scan.advance(buf), "the end, not a STOP byte inside an argument or after it");
                assertEquals(pickle.length, scan.advance(buf), "and it stays found");
                assertEquals(2, buf.readerIndex(), "a scan consumes nothing");
                assertEquals(Pickles.unpickle(pickle), PickledList.unpickle(buf.readSlice(pickle.length)));
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void unpickleByteBufReportsTruncationAndTrailingBytes() {
        byte[] pickle = PickledList.pickle(Protocol.DEFAULT_LIST);
        ByteBuf truncated = Unpooled.wrappedBuffer(pickle, 0, pickle.length - 1);
        ByteBuf trailing = Unpooled.buffer().writeBytes(pickle).writeByte(0);
        try {
            ListFormatException e = assertThrows(ListFormatException.class, () -> PickledList.unpickle(truncated));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            e = assertThrows(ListFormatException.class, () -> PickledList.unpickle(trailing));
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        } finally {
            truncated.release();
            trailing.release();
        }
    }

    @Test
    void hostileSizesAreRejectedQuicklyWithoutAllocating() {
        byte[] binunicode = HexFormat.of().parseHex("800258ffffff7f");
        ListFormatException e = assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> assertThrows(ListFormatException.class, () -> Pickles.unpickle(binunicode)));
        assertTrue(e.getMessage().contains("BINUNICODE"), e.getMessage());

        String[] hostile = {
            "800258ffffff7f", // BINUNICODE of 2 GiB
            "80048e0000000000000040", // BINBYTES8 of 2^62
            "80028bffffff7f", // LONG4 of 2 GiB
            "80028b00000080", // LONG4 with a negative length
            "800495ffffffffffffff7f5d942e", // FRAME of 2^63-1
            "80049500000000000000805d942e", // FRAME with a "negative" length
            "80049501000040000000005d942e", // FRAME just over the largest frame
            "80025d8a09000000000000000001612e", // LONG1 of 9 bytes
        };
        for (String hex : hostile) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(2),
                    () -> assertThrows(ListFormatException.class, () -> Pickles.unpickle(bytes), hex));
        }
    }

    @Test
    void protocol0Details() {
        // LONG with and without the L suffix, INT with a plus sign, LIST from a MARK.
        assertEquals(List.of(5L, -7L, 3L), Pickles.unpickle("(L5L\nL-7\nI+3\nl.".getBytes(StandardCharsets.US_ASCII)));
        // Longest decimals at the 64-bit edges.
        assertEquals(
                List.of(Long.MIN_VALUE, Long.MAX_VALUE),
                Pickles.unpickle(
                        "(I-9223372036854775808\nL9223372036854775807L\nl.".getBytes(StandardCharsets.US_ASCII)));
        // One past the edges.
        assertThrows(
                ListFormatException.class,
                () -> Pickles.unpickle("(I9223372036854775808\nl.".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(
                ListFormatException.class,
                () -> Pickles.unpickle("(L-9223372036854775809L\nl.".getBytes(StandardCharsets.US_ASCII)));
        // A decimal argument with no newline in sight is refused, not awaited forever.
        ListFormatException e = assertThrows(
                ListFormatException.class,
                () -> Pickles.unpickle(("(I" + "1".repeat(40) + "\nl.").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("decimal"), e.getMessage());
        assertThrows(ListFormatException.class, () -> Pickles.unpickle("(I-\nl.".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(ListFormatException.class, () -> Pickles.unpickle("(I\nl.".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(ListFormatException.class, () -> Pickles.unpickle("(LL\nl.".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void binaryIntegerOpcodes() {
        // BININT1 255, BININT2 65535, BININT -1, LONG1 of 0 bytes (0), LONG1 8 bytes MIN, LONG4 of 1 byte (-1)
        byte[] bytes = HexFormat.of().parseHex("80025d284bff4dffff4affffffff8a008a0800000000000000808b01000000ff652e");
        assertEquals(List.of(255L, 65535L, -1L, 0L, Long.MIN_VALUE, -1L), Pickles.unpickle(bytes));
        // A second EMPTY_LIST appended to the first is a nested list.
        assertThrows(
                ListFormatException.class, () -> Pickles.unpickle(HexFormat.of().parseHex("80025d5d612e")));
        // The decoded list cannot be modified.
        List<Long> list = Pickles.unpickle(PickledList.pickle(Protocol.DEFAULT_LIST));
        assertThrows(UnsupportedOperationException.class, () -> list.add(3L));
    }

    private static void assertOnlyListFormatException(byte[] bytes) {
        try {
            List<Long> list = Pickles.unpickle(bytes);
            assertNotNull(list);
        } catch (ListFormatException expected) {
            assertNotNull(expected.getMessage());
        } catch (Throwable t) {
            fail("unpickle(" + HexFormat.of().formatHex(bytes) + ") threw " + t, t);
        }
    }

    @Test
    void randomBytesOnlyEverThrowListFormatException() {
        Random random = new Random(0x5EED_2727L);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(65)];
            random.nextBytes(bytes);
            assertOnlyListFormatException(bytes);
        }
    }

    @Test
    void randomOpcodeSoupOnlyEverThrowsListFormatException() {
        // Random bytes rarely get past the first opcode; drawing from the allowed opcodes and small
        // arguments goes deeper into the interpreter.
        byte[] alphabet = {
            (byte) 0x80,
            0x02,
            0x05,
            (byte) 0x95,
            '.',
            '(',
            ']',
            'l',
            'a',
            'e',
            'I',
            'L',
            'J',
            'K',
            'M',
            (byte) 0x8a,
            (byte) 0x8b,
            'p',
            'q',
            'r',
            (byte) 0x94,
            '\n',
            '0',
            '1',
            '-',
            0x00,
            (byte) 0xff,
            0x08,
            0x09
        };
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = alphabet[random.nextInt(alphabet.length)];
            }
            assertOnlyListFormatException(bytes);
        }
    }

    @Test
    void mutatedPicklesOnlyEverThrowListFormatException() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Vector v : vectors()) {
            if (v.bytes().length <= 200) {
                seeds.add(v.bytes());
            }
        }
        seeds.add(PickledList.pickle(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 300L)));
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] bytes = mutate(seed, random);
            assertOnlyListFormatException(bytes);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && bytes.length > 0; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(5)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> bytes = Arrays.copyOf(bytes, at); // truncate
                case 3 -> { // insert a byte
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                default -> { // delete a byte
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
            }
        }
        return bytes;
    }
}
