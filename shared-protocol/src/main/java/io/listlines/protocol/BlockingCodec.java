package io.listlines.protocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The server's codec over blocking streams, for the threaded servers: the same framings, limits
 * and errors as the Netty handlers ({@link FrameDecoder} and {@link LineEncoder}, or
 * {@link RawLineDecoder}). One per connection, one thread at a time.
 */
public final class BlockingCodec {
    private final InputStream in;
    private final OutputStream out;
    private final int maxFrame;
    private final Framing framing;
    private final byte[] header = new byte[Protocol.LENGTH_FIELD_BYTES];
    private byte[] lineBuffer = new byte[128];

    public BlockingCodec(InputStream in, OutputStream out, int maxFrame, Framing framing) {
        this.in = new BufferedInputStream(in, 8192);
        this.out = new BufferedOutputStream(out, 8192);
        this.maxFrame = maxFrame;
        this.framing = framing;
    }

    /**
     * Reads one frame's payload.
     *
     * @return the payload, or {@code null} if the stream ended cleanly between frames
     * @throws FrameTooLongException as soon as a length over the maximum has been read
     * @throws EOFException if the stream ends inside a frame
     */
    byte[] readFrame() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, header.length - 1);
        byte[] payload = new byte[FrameTooLongException.check(FrameHeader.get(header, 0), maxFrame)];
        readFully(payload, 0, payload.length);
        return payload;
    }

    /** Reads one line (a line frame, or a raw newline-terminated line), or {@code null} at a clean end of stream. */
    public String readLine() throws IOException {
        if (framing == Framing.RAW) {
            return readRawLine();
        }
        byte[] payload = readFrame();
        return payload == null ? null : Lines.decode(payload);
    }

    /** Writes and flushes the list: a frame, or the raw pickle bytes. */
    public void writeList(byte[] pickle) throws IOException {
        if (framing == Framing.RAW) {
            out.write(pickle);
            out.flush();
        } else {
            writeFrame(pickle);
        }
    }

    private String readRawLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length == 0) {
                    return null;
                }
                throw new EOFException("end of stream in the middle of a line");
            }
            if (length == lineBuffer.length) {
                lineBuffer = Arrays.copyOf(lineBuffer, Math.min(lineBuffer.length * 2, maxFrame + 1));
            }
            lineBuffer[length++] = (byte) b;
            if (b == '\n') {
                return Lines.decode(ByteBuffer.wrap(lineBuffer, 0, length));
            }
            if (length > maxFrame) {
                throw new ProtocolException("line_too_long", "line longer than the maximum of " + maxFrame + " bytes");
            }
        }
    }

    /** Writes and flushes one frame. */
    void writeFrame(byte[] payload) throws IOException {
        out.write(FrameHeader.of(payload.length));
        out.write(payload);
        out.flush();
    }

    private void readFully(byte[] into, int offset, int length) throws IOException {
        while (length > 0) {
            int n = in.read(into, offset, length);
            if (n < 0) {
                throw new EOFException("end of stream in the middle of a frame");
            }
            offset += n;
            length -= n;
        }
    }
}
