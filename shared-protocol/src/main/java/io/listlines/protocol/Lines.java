package io.listlines.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The line rules: a line is strict UTF-8, and one trailing {@code \n} or {@code \r\n} is not part of it. */
public final class Lines {
    private Lines() {}

    /**
     * Decodes one line payload.
     *
     * @throws ProtocolException if the bytes are not valid UTF-8 (overlong forms and surrogates included)
     */
    public static String decode(ByteBuffer payload) {
        int length = payload.remaining();
        int last = payload.position() + length - 1;
        if (length > 0 && payload.get(last) == '\n') {
            length--;
            if (length > 0 && payload.get(last - 1) == '\r') {
                length--;
            }
        }
        ByteBuffer line = payload.slice(payload.position(), length);
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
