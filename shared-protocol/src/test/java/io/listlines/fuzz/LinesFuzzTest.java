package io.listlines.fuzz;

import static io.listlines.fuzz.Fuzz.hex;
import static io.listlines.fuzz.FuzzSupport.anyByte;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.isStrictUtf8;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.stripLineEnd;
import static io.listlines.fuzz.FuzzSupport.utf8;
import static io.listlines.fuzz.FuzzSupport.weighted;
import static io.listlines.testing.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.Lines;
import io.listlines.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link Lines}: any bytes decode to a String or fail with an {@code invalid_utf8}
 * {@link ProtocolException}, exactly as a decoder-independent strict UTF-8 oracle says; a string
 * comes back from its UTF-8 bytes (supplementary characters included) with one trailing LF or CRLF
 * removed; the ByteBuffer's position and limit are respected and left alone; and
 * {@link Lines#printable} never lets a control character into a log line. No ByteBufs here, so no
 * leak check.
 *
 * <p>Longer campaign: {@code -Dtest='LinesFuzzTest' -Dlistlines.fuzz.tries=1000000}
 * (see {@link FrameDecoderFuzzTest} for the whole command and {@link Fuzz}).
 */
@ExtendWith(Fuzz.class)
class LinesFuzzTest {

    /** Decodes {@code payload} as the position-to-limit part of a larger buffer (heap or direct), between junk. */
    static String decodeAt(byte[] payload, boolean direct) {
        byte[] junk = {(byte) 0xff, '\r', '\n', (byte) 0xc0};
        byte[] all = concat(junk, payload, junk);
        ByteBuffer buffer =
                direct ? ByteBuffer.allocateDirect(all.length).put(all).clear() : ByteBuffer.wrap(all);
        buffer.position(junk.length).limit(junk.length + payload.length);
        int position = buffer.position();
        int limit = buffer.limit();
        try {
            return Lines.decode(buffer);
        } finally {
            assertEquals(position, buffer.position(), "position left alone");
            assertEquals(limit, buffer.limit(), "limit left alone");
        }
    }

    /** A payload and where it is decoded from. */
    record Payload(byte[] payload, boolean direct) {}

    @Test
    void anyBytesDecodeExactlyWhenTheyAreStrictUtf8() {
        Fuzz.forAll(3000, r -> new Payload(utf8ish(r), r.nextBoolean()), LinesFuzzTest::checkAnyBytes)
                .requireShare("valid", 10)
                .requireShare("invalid", 20);
    }

    static void checkAnyBytes(Payload p) {
        byte[] payload = p.payload();
        byte[] line = stripLineEnd(payload);
        boolean valid = isStrictUtf8(line);
        Fuzz.collect(valid ? "valid" : "invalid");
        String decoded;
        try {
            decoded = decodeAt(payload, p.direct());
        } catch (ProtocolException e) {
            assertFalse(valid, "refused valid UTF-8 " + hex(line));
            assertEquals("invalid_utf8", e.kind());
            return;
        } catch (Throwable t) {
            throw new AssertionError("not a ProtocolException for " + hex(payload), t);
        }
        assertTrue(valid, "accepted invalid UTF-8 " + hex(line) + " as \"" + decoded + "\"");
        assertArrayEquals(line, utf8(decoded), "the line's own bytes");
        assertEquals(decoded, Lines.decode(payload), "byte[] and ByteBuffer agree");
    }

    /** A string, a line end after it, and where it is decoded from. */
    record Line(String text, String end, boolean direct) {}

    @Test
    void stringsComeBackWithoutOneLineEnd() {
        Fuzz.forAll(2000, r -> new Line(unicode(r), oneOf(r, LINE_ENDS), r.nextBoolean()), LinesFuzzTest::checkLineEnd);
    }

    static void checkLineEnd(Line l) {
        String text = l.text();
        String end = l.end();
        byte[] payload = utf8(text + end);
        String expected = text + end;
        if (expected.endsWith("\r\n")) {
            expected = expected.substring(0, expected.length() - 2);
        } else if (expected.endsWith("\n")) {
            expected = expected.substring(0, expected.length() - 1);
        }
        assertEquals(expected, decodeAt(payload, l.direct()));
        assertEquals(expected, Lines.decode(payload));
        if ((end.equals("\n") || end.equals("\r\n")) && !text.endsWith("\r")) {
            assertEquals(text, Lines.decode(payload), "one line end is not part of the line");
        }
    }

    @Test
    void printableLinesHoldNoControlCharacters() {
        Fuzz.forAll(2000, LinesFuzzTest::unicode, text -> {
            String printable = Lines.printable(text);
            assertTrue(
                    printable.chars().noneMatch(Character::isISOControl),
                    () -> "control character left in " + printable);
            if (text.chars().noneMatch(Character::isISOControl)) {
                assertEquals(text, printable, "nothing to escape, nothing changed");
            }
        });
    }

    // ---------------------------------------------------------------- generators

    private static final List<Byte> UTF8_EDGE_BYTES = Stream.of(
                    0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfe, 0xff, 0x0d,
                    0x0a, 0x00)
            .map(b -> (byte) (int) b)
            .toList();

    private static final List<byte[]> UTF8_EDGE_SEQUENCES = List.of(
            new byte[] {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
            new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // surrogate D800
            new byte[] {(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, // surrogate DFFF
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
            new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}, // U+FFFD itself, valid
            new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, // truncated 4-byte form
            new byte[] {'\r', '\n'});

    /** Bytes that make UTF-8 interesting: lead, continuation, overlong, surrogate and out-of-range bytes, CR and LF. */
    static byte[] utf8ish(RandomGenerator r) {
        return concat(listOf(r, 0, 12, g -> switch (weighted(g, 4, 3, 2, 2, 1)) {
            case 0 -> new byte[] {(byte) between(g, 0x20, 0x7e)};
            case 1 -> utf8(unicode(g));
            case 2 -> new byte[] {oneOf(g, UTF8_EDGE_BYTES)};
            case 3 -> oneOf(g, UTF8_EDGE_SEQUENCES);
            default -> new byte[] {anyByte(g)};
        }));
    }

    private static final List<String> LINE_ENDS = List.of("", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n");

    static String unicode(RandomGenerator r) {
        return FuzzSupport.unicodeString(r, 30);
    }
}
