package io.listlines.testing;

import io.listlines.protocol.FrameHeader;
import io.listlines.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Framed bytes as tests put them on the wire or read them off it, every module's tests alike: a
 * header ({@link FrameHeader}, whose own test pins its bytes) and its payload.
 */
public final class Frames {
    private Frames() {}

    /** A header alone, announcing {@code announced} (up to {@link FrameHeader#MAX_LENGTH}), with no payload after it. */
    public static byte[] prefix(long announced) {
        return FrameHeader.of(announced);
    }

    /** One frame: the header, then {@code payload}. */
    public static byte[] frame(byte[] payload) {
        return concat(prefix(payload.length), payload);
    }

    /** One frame of {@code payload}'s UTF-8 bytes. */
    public static byte[] frame(String payload) {
        return frame(payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The reference client's first {@code n} lines ({@code Hey. 0} ...), a frame each, one after another. */
    public static byte[] lineFrames(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            out.writeBytes(frame(Protocol.clientLine(i)));
        }
        return out.toByteArray();
    }

    /** A session's ten line frames. */
    public static byte[] tenLineFrames() {
        return lineFrames(Protocol.LINES_PER_SESSION);
    }

    /** Reads one frame from a blocking stream and returns its payload (no maximum: the test trusts its server). */
    public static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[Protocol.LENGTH_FIELD_BYTES];
        data.readFully(header);
        byte[] payload = new byte[Math.toIntExact(FrameHeader.get(header, 0))];
        data.readFully(payload);
        return payload;
    }

    /** Byte arrays one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] concat(List<byte[]> parts) {
        return concat(parts.toArray(new byte[0][]));
    }
}
