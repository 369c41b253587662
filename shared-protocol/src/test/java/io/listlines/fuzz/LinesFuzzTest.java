package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.concat;
import static io.listlines.fuzz.FuzzSupport.hex;
import static io.listlines.fuzz.FuzzSupport.isStrictUtf8;
import static io.listlines.fuzz.FuzzSupport.stripLineEnd;
import static io.listlines.fuzz.FuzzSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.Lines;
import io.listlines.protocol.ProtocolException;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@link Lines}: any bytes decode to a String or fail with an {@code invalid_utf8}
 * {@link ProtocolException}, exactly as a decoder-independent strict UTF-8 oracle says; a string
 * comes back from its UTF-8 bytes (supplementary characters included) with one trailing LF or CRLF
 * removed; the ByteBuffer's position and limit are respected and left alone; and
 * {@link Lines#printable} never lets a control character into a log line. No ByteBufs here, so no
 * leak check.
 *
 * <p>Longer campaign: {@code -Dtest='LinesFuzzTest' -Dlistlines.fuzz.tries=1000000}
 * (see {@link FrameDecoderFuzzTest} for the whole command and {@link FuzzHooks}).
 */
@AddLifecycleHook(FuzzHooks.class)
class LinesFuzzTest {

    /** Decodes {@code payload} as the position-to-limit part of a larger buffer (heap or direct), between junk. */
    static String decodeAt(byte[] payload, boolean direct) {
        byte[] junk = {(byte) 0xff, '\r', '\n', (byte) 0xc0};
        byte[] all = concat(junk, payload, junk);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(all.length).put(all).clear() : ByteBuffer.wrap(all);
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

    @Property(tries = 3000)
    void anyBytesDecodeExactlyWhenTheyAreStrictUtf8(@ForAll("utf8ish") byte[] payload, @ForAll boolean direct) {
        byte[] line = stripLineEnd(payload);
        boolean valid = isStrictUtf8(line);
        Statistics.collect(valid ? "valid" : "invalid");
        if (FuzzHooks.checksCoverage()) {
            Statistics.coverage(c -> {
                c.check("valid").percentage(p -> p > 10);
                c.check("invalid").percentage(p -> p > 20);
            });
        }
        String decoded;
        try {
            decoded = decodeAt(payload, direct);
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

    @Property(tries = 2000)
    void stringsComeBackWithoutOneLineEnd(@ForAll("unicode") String text, @ForAll("lineEnds") String end,
                                          @ForAll boolean direct) {
        byte[] payload = utf8(text + end);
        String expected = text + end;
        if (expected.endsWith("\r\n")) {
            expected = expected.substring(0, expected.length() - 2);
        } else if (expected.endsWith("\n")) {
            expected = expected.substring(0, expected.length() - 1);
        }
        assertEquals(expected, decodeAt(payload, direct));
        assertEquals(expected, Lines.decode(payload));
        if ((end.equals("\n") || end.equals("\r\n")) && !text.endsWith("\r")) {
            assertEquals(text, Lines.decode(payload), "one line end is not part of the line");
        }
        assertArrayEquals(utf8(text), Lines.encode(text));
    }

    @Property(tries = 2000)
    void printableLinesHoldNoControlCharacters(@ForAll("unicode") String text) {
        String printable = Lines.printable(text);
        assertTrue(printable.chars().noneMatch(Character::isISOControl), () -> "control character left in " + printable);
        if (text.chars().noneMatch(Character::isISOControl)) {
            assertEquals(text, printable, "nothing to escape, nothing changed");
        }
    }

    // ---------------------------------------------------------------- generators

    /** Bytes that make UTF-8 interesting: lead, continuation, overlong, surrogate and out-of-range bytes, CR and LF. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<byte[]> unit = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e).map(b -> new byte[] {(byte) (int) b})),
                Tuple.of(3, unicode().map(FuzzSupport::utf8)),
                Tuple.of(2, Arbitraries.of(0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfe, 0xff,
                        0x0d, 0x0a, 0x00).map(b -> new byte[] {(byte) (int) b})),
                Tuple.of(2, Arbitraries.of(
                        new byte[] {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
                        new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, // overlong
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // surrogate D800
                        new byte[] {(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, // surrogate DFFF
                        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
                        new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd}, // U+FFFD itself, valid
                        new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, // truncated 4-byte form
                        new byte[] {'\r', '\n'})),
                Tuple.of(1, Arbitraries.bytes().map(b -> new byte[] {b})));
        return unit.list().ofMaxSize(12).map(FuzzSupport::concat);
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n");
    }

    @Provide
    Arbitrary<String> unicode() {
        return FuzzSupport.unicodeStrings(30);
    }
}
