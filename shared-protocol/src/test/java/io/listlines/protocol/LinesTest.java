package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinesTest {
    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "lone continuation byte, 80",
        "continuation byte inside ASCII, 41bf42",
        "0xff, ff",
        "0xfe, fe",
        "overlong slash c0 af, c0af",
        "overlong NUL c0 80, c080",
        "overlong three-byte e0 80 af, e080af",
        "overlong four-byte f0 80 80 af, f08080af",
        "high surrogate ed a0 80, eda080",
        "low surrogate ed b0 80, edb080",
        "surrogate pair in CESU-8, eda0bdedb8800a",
        "above U+10FFFF f4 90 80 80, f4908080",
        "five-byte form, f888808080",
        "truncated two-byte, c3",
        "truncated three-byte, e282",
        "truncated four-byte, f09f98",
        "truncated before the newline, 41e2820a",
        "truncated before CRLF, 41c30d0a",
        "lead byte then ASCII, c341",
    })
    void invalidUtf8IsAProtocolException(String what, String invalid) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Lines.decode(hex(invalid)), what);
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        for (ByteBuf buffer : new ByteBuf[] {Unpooled.wrappedBuffer(hex(invalid)), direct(hex(invalid))}) {
            try {
                assertThrows(ProtocolException.class, () -> Lines.decode(buffer), what);
            } finally {
                buffer.release();
            }
        }
    }

    @Test
    void decodeByteBufReadsItsReadableBytesAndLeavesThemUnread() {
        ByteBuf buffer = direct(utf8("xxHey. \uFFFD \u00e9 7\r\nyy"));
        try {
            buffer.readerIndex(2).writerIndex(buffer.writerIndex() - 2);
            // U+FFFD of the line's own is kept: only malformed bytes are an error.
            assertEquals("Hey. \uFFFD \u00e9 7", Lines.decode(buffer));
            assertEquals(2, buffer.readerIndex());
            assertEquals("", Lines.decode(buffer.slice(2, 0)));
        } finally {
            buffer.release();
        }
    }

    private static ByteBuf direct(byte[] bytes) {
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    @Test
    void oneTrailingNewlineIsStripped() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("Hey. 0", "Hey. 0"),
                Map.entry("Hey. 0\n", "Hey. 0"),
                Map.entry("Hey. 0\r\n", "Hey. 0"),
                Map.entry("a\n\n", "a\n"),
                Map.entry("a\r\n\r\n", "a\r\n"),
                Map.entry("a\n\r\n", "a\n"),
                Map.entry("a\r", "a\r"),
                Map.entry("a\r\r\n", "a\r"),
                Map.entry("\r", "\r"),
                Map.entry("\n", ""),
                Map.entry("\r\n", ""),
                Map.entry("\n\n", "\n"),
                Map.entry("a\nb", "a\nb"),
                Map.entry("\na", "\na"),
                Map.entry("", ""));
        cases.forEach((payload, line) ->
                assertEquals(line, Lines.decode(utf8(payload)), () -> "payload " + Lines.printable(payload)));
    }

    @Test
    void nonAsciiText() {
        String text = "h\u00e9llo w\u00f6rld \u20ac \u4e16\u754c \ud83d\ude00 \u0000";
        assertEquals(text, Lines.decode(utf8(text)));
        assertEquals(text, Lines.decode(utf8(text + "\r\n")));
        assertEquals("\uffff\ufeff", Lines.decode(hex("efbfbfefbbbf")));
        assertEquals("\udbff\udfff", Lines.decode(hex("f48fbfbf"))); // U+10FFFF
    }

    @Test
    void decodeByteBufferUsesOnlyItsRemainingBytes() {
        byte[] bytes = utf8("xxHey. 7\nyy");
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, 7); // "Hey. 7\n"
        assertEquals("Hey. 7", Lines.decode(buffer));
        ByteBuffer empty = ByteBuffer.wrap(bytes, 3, 0);
        assertEquals("", Lines.decode(empty));
        // A newline just outside the window is not part of the line.
        assertEquals("Hey. 7", Lines.decode(ByteBuffer.wrap(bytes, 2, 6)));
        // Invalid bytes outside the window do not matter; inside they do.
        byte[] framed = hex("ff41420aff");
        assertEquals("AB", Lines.decode(ByteBuffer.wrap(framed, 1, 3)));
        assertThrows(ProtocolException.class, () -> Lines.decode(ByteBuffer.wrap(framed, 0, 4)));
        assertEquals(
                "AB", Lines.decode(ByteBuffer.wrap(framed).position(1).slice().limit(3)));
    }

    @Test
    void printableEscapesControlCharacters() {
        String plain = "Hey. 0 \u00e9\u20ac";
        assertSame(plain, Lines.printable(plain), "nothing to escape: the same string");
        assertEquals("a\\nb", Lines.printable("a\nb"));
        assertEquals("a\\r\\nFake log line", Lines.printable("a\r\nFake log line"));
        assertEquals("\\tx", Lines.printable("\tx"));
        assertEquals("\\u0000\\u001b[31m\\u007f\\u0085", Lines.printable("\u0000\u001b[31m\u007f\u0085"));
        assertEquals("", Lines.printable(""));
        for (char c = 0; c < 0x20; c++) {
            String escaped = Lines.printable("<" + c + ">");
            assertTrue(escaped.startsWith("<\\") && escaped.endsWith(">"), escaped);
            assertTrue(escaped.chars().noneMatch(Character::isISOControl), escaped);
        }
    }
}
