package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.anyByte;
import static io.listlines.fuzz.FuzzSupport.anyLong;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.bytes;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.weighted;

import io.listlines.protocol.PickledList;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Valid pickles of lists of integers, written several ways: razorvine's protocol 2 (what the servers
 * send), and by hand in the shapes CPython writes for protocols 0, 1 and 4 (text integers, binary
 * integers with BININT1/BININT2/BININT/LONG1, memo opcodes, FRAME, MARK + APPENDS or single APPENDs),
 * plus CPython's own pickles from {@code pickles/vectors.txt} (protocols 0 to 5).
 */
public final class PickleFuzzSupport {
    private PickleFuzzSupport() {}

    /** How a list is pickled. */
    public enum Style {
        RAZORVINE_P2,
        HAND_P0,
        HAND_P1,
        HAND_P4,
        HAND_P4_APPENDS_ONE_BY_ONE
    }

    public static byte[] pickle(List<Long> values, Style style) {
        return switch (style) {
            case RAZORVINE_P2 -> PickledList.pickle(values);
            case HAND_P0 -> protocol0(values);
            case HAND_P1 -> binary(values, 1, true);
            case HAND_P4 -> binary(values, 4, true);
            case HAND_P4_APPENDS_ONE_BY_ONE -> binary(values, 4, false);
        };
    }

    /** {@code (lp0\nI1\naL9223372036854775807L\na.}: what CPython writes with protocol 0. */
    static byte[] protocol0(List<Long> values) {
        StringBuilder text = new StringBuilder("(lp0\n");
        for (long v : values) {
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                text.append('I').append(v).append('\n');
            } else {
                text.append('L').append(v).append("L\n");
            }
            text.append('a');
        }
        return text.append('.').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Protocols 1 to 4: EMPTY_LIST, a memo entry, then MARK ... APPENDS (or one APPEND per item). */
    static byte[] binary(List<Long> values, int protocol, boolean batched) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(']');
        if (protocol >= 4) {
            body.write(0x94); // MEMOIZE
        } else {
            body.write('q'); // BINPUT 0
            body.write(0);
        }
        if (batched && !values.isEmpty()) {
            body.write('(');
        }
        for (long v : values) {
            writeInt(body, v, protocol);
            if (!batched) {
                body.write('a');
            }
        }
        if (batched && !values.isEmpty()) {
            body.write('e');
        }
        body.write('.');
        if (protocol < 2) {
            return body.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write(protocol);
        if (protocol >= 4) {
            out.write(0x95); // FRAME: 8-byte little-endian length of what follows
            long length = body.size();
            for (int i = 0; i < 8; i++) {
                out.write((int) (length >>> (8 * i)));
            }
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, long v, int protocol) {
        if (v >= 0 && v <= 0xff) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.write('M');
            out.write((int) v);
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        } else if (protocol >= 2) {
            // LONG1: the fewest little-endian two's complement bytes that hold v
            int n = 8;
            while (n > 1 && (v >> (8 * (n - 1) - 1)) == (v >> 63)) {
                n--;
            }
            out.write(0x8a);
            out.write(n);
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        } else {
            out.writeBytes(("L" + v + "L\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The pickles CPython made for {@code pickles/vectors.txt} that must be accepted. */
    public static List<byte[]> acceptedVectors() {
        List<byte[]> vectors = new ArrayList<>();
        try (InputStream in = PickleFuzzSupport.class.getResourceAsStream("/pickles/vectors.txt")) {
            if (in == null) {
                throw new AssertionError("pickles/vectors.txt is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("accept ")) {
                    vectors.add(HexFormat.of().parseHex(line.split(" ", 4)[2]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (vectors.size() < 40) {
            throw new AssertionError("expected CPython's accepted vectors, found " + vectors.size());
        }
        return vectors;
    }

    private static List<byte[]> vectors;

    private static synchronized List<byte[]> vectors() {
        if (vectors == null) {
            vectors = acceptedVectors();
        }
        return vectors;
    }

    private static final List<Long> EDGE_VALUES = List.of(
            0L,
            1L,
            -1L,
            46L /* '.' */,
            10L /* '\n' */,
            255L,
            256L,
            65535L,
            65536L,
            Integer.MAX_VALUE + 0L,
            Integer.MAX_VALUE + 1L,
            Integer.MIN_VALUE + 0L,
            Integer.MIN_VALUE - 1L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            1L << 40,
            -(1L << 40),
            0x2e2e2e2eL);

    /** A list of up to 25 signed 64-bit integers, edges of every integer opcode included. */
    public static List<Long> list(RandomGenerator r) {
        return listOf(r, 0, 25, g -> switch (weighted(g, 3, 3, 2)) {
            case 0 -> oneOf(g, EDGE_VALUES);
            case 1 -> anyLong(g);
            default -> between(g, -70000L, 70000L);
        });
    }

    public static Style style(RandomGenerator r) {
        return oneOf(r, Style.class);
    }

    /** A valid pickle: a random list in a random style, or one of CPython's vectors. */
    public static byte[] validPickle(RandomGenerator r) {
        return weighted(r, 3, 1) == 0 ? pickle(list(r), style(r)) : oneOf(r, vectors());
    }

    private static final List<Byte> SOUP_ASCII =
            bytesOf("(]laeIJKLMpqr.\n0123456789-L".getBytes(StandardCharsets.US_ASCII));
    private static final List<Byte> SOUP_BINARY =
            bytesOf(new byte[] {(byte) 0x80, (byte) 0x94, (byte) 0x95, (byte) 0x8a, (byte) 0x8b, 2, 4, 5, (byte) 0xff});

    private static List<Byte> bytesOf(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return List.copyOf(list);
    }

    /** Opcode soup: up to 80 bytes drawn mostly from the opcodes and arguments a list of integers uses. */
    public static byte[] opcodeSoup(RandomGenerator r) {
        return bytes(r, 0, 80, g -> switch (weighted(g, 3, 1, 1)) {
            case 0 -> oneOf(g, SOUP_ASCII);
            case 1 -> oneOf(g, SOUP_BINARY);
            default -> anyByte(g);
        });
    }
}
