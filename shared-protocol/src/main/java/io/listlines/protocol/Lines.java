package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;

/** The line rules: a line is strict UTF-8, and one trailing {@code \n} or {@code \r\n} is not part of it. */
public final class Lines {
    private Lines() {}

    /**
     * Decodes one line payload.
     *
     * @throws ProtocolException if the bytes are not valid UTF-8 (overlong forms and surrogates included)
     */
    public static String decode(ByteBuffer payload) {
        int length = lineLength(payload.remaining(), i -> payload.get(payload.position() + i));
        String line = payload.hasArray()
                ? new String(
                        payload.array(), payload.arrayOffset() + payload.position(), length, StandardCharsets.UTF_8)
                : null;
        return line != null && line.indexOf(REPLACEMENT) < 0 ? line : strict(payload.slice(payload.position(), length));
    }

    /**
     * Decodes one line payload in a Netty buffer (its readable bytes, left unread), as {@link #decode(ByteBuffer)}.
     *
     * @throws ProtocolException if the bytes are not valid UTF-8
     */
    public static String decode(ByteBuf payload) {
        int length = lineLength(payload.readableBytes(), i -> payload.getByte(payload.readerIndex() + i));
        String line = payload.toString(payload.readerIndex(), length, StandardCharsets.UTF_8);
        return line.indexOf(REPLACEMENT) < 0 ? line : strict(payload.nioBuffer(payload.readerIndex(), length));
    }

    /*
     * The JDK's lenient decoding (new String(bytes, UTF_8)) is the fast one (ASCII is copied by an intrinsic, and no
     * decoder object is made), and it puts U+FFFD where the bytes are malformed; only a line in which U+FFFD appears is
     * decoded again strictly, which either throws or, for a line that holds a U+FFFD of its own, gives the same string.
     */
    private static final char REPLACEMENT = '\uFFFD';

    /** The payload's length without one trailing {@code \n} or {@code \r\n}; {@code byteAt} reads its i-th byte. */
    private static int lineLength(int length, IntUnaryOperator byteAt) {
        if (length > 0 && byteAt.applyAsInt(length - 1) == '\n') {
            length--;
            if (length > 0 && byteAt.applyAsInt(length - 1) == '\r') {
                length--;
            }
        }
        return length;
    }

    private static String strict(ByteBuffer line) {
        try {
            // A fresh decoder per line: it is small, and it keeps this safe on any thread, virtual ones included.
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(line)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("invalid_utf8", "line is not valid UTF-8");
        }
    }

    public static String decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /** A line as it may appear in a log: control characters escaped, so a peer cannot forge log lines. */
    public static String printable(String line) {
        StringBuilder out = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(line.length() + 8).append(line, 0, i);
                }
                out.append(
                        switch (c) {
                            case '\n' -> "\\n";
                            case '\r' -> "\\r";
                            case '\t' -> "\\t";
                            default -> String.format("\\u%04x", (int) c);
                        });
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? line : out.toString();
    }
}
