package io.listlines.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The server's codec over blocking streams, for the threaded servers: the same framings, limits
 * and errors as the Netty handlers ({@link FrameDecoder} and {@link LineEncoder}, or
 * {@link RawLineDecoder}). One per connection, one thread at a time.
 *
 * <p>Its memory is what a held connection costs, so it keeps little: a session reads ten short
 * lines and writes one list, so it reads through a {@value #SMALL}-byte buffer of its own (grown
 * only for a raw line longer than that, and shrunk back after it; a long frame's payload is read
 * straight into the payload's array) and writes without a buffer, each message in one write. A
 * small buffer also keeps small the temporary direct buffer the JDK's socket reads through, and
 * reading the socket's stream straight from here keeps a parked virtual thread's stack shallow.
 * Like a {@code BufferedInputStream}, it reads only when it needs a byte it does not have, and then
 * takes what the stream has at hand, up to the buffer's room.
 */
public final class BlockingCodec {
    /** The buffer's size, unless a raw line needs more for a while. */
    static final int SMALL = 256;

    private final InputStream in;
    private final OutputStream out;
    private final int maxFrame;
    private final Framing framing;
    private byte[] buffer = new byte[SMALL];
    /** The unread bytes are {@code buffer[position, limit)}. */
    private int position;

    private int limit;

    public BlockingCodec(InputStream in, OutputStream out, int maxFrame, Framing framing) {
        this.in = in;
        this.out = out;
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
        int length = readHeader();
        return length < 0 ? null : readPayload(length);
    }

    /** Reads one line (a line frame, or a raw newline-terminated line), or {@code null} at a clean end of stream. */
    public String readLine() throws IOException {
        if (framing == Framing.RAW) {
            return readRawLine();
        }
        int length = readHeader();
        if (length < 0) {
            return null;
        }
        if (length <= limit - position) {
            // The whole payload is at hand (a client that sends its lines at once): decode it in place.
            int start = position;
            position += length;
            return Lines.decode(ByteBuffer.wrap(buffer, start, length));
        }
        return Lines.decode(readPayload(length));
    }

    /**
     * Writes and flushes a message already encoded for this framing, as it is, in one write: for
     * the list that every connection sends, {@link ListFrame#bytes(ListPayload, Framing)} made once.
     */
    public void writeEncoded(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    /** Reads a frame's length prefix: the payload's length, or -1 at a clean end of stream. */
    private int readHeader() throws IOException {
        if (limit == position && !fill()) {
            return -1;
        }
        while (limit - position < Protocol.LENGTH_FIELD_BYTES) {
            if (!fill()) {
                throw midFrame();
            }
        }
        int length = FrameTooLongException.check(FrameHeader.get(buffer, position), maxFrame);
        position += Protocol.LENGTH_FIELD_BYTES;
        return length;
    }

    /** The payload after its header: what is at hand, and the rest straight from the stream into the payload. */
    private byte[] readPayload(int length) throws IOException {
        byte[] payload = new byte[length];
        int buffered = Math.min(length, limit - position);
        System.arraycopy(buffer, position, payload, 0, buffered);
        position += buffered;
        for (int done = buffered; done < length; ) {
            int n = in.read(payload, done, length - done);
            if (n < 0) {
                throw midFrame();
            }
            done += n;
        }
        return payload;
    }

    private String readRawLine() throws IOException {
        // buffer[position, scanned) is part of the line and holds no newline.
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int start = position;
                    position = i + 1;
                    String line = Lines.decode(ByteBuffer.wrap(buffer, start, position - start));
                    shrink();
                    return line;
                }
                if (i + 1 - position > maxFrame) {
                    throw new ProtocolException(
                            "line_too_long", "line longer than the maximum of " + maxFrame + " bytes");
                }
            }
            scanned = limit - position;
            if (!fill()) {
                if (limit == position) {
                    return null;
                }
                throw new EOFException("end of stream in the middle of a line");
            }
            // fill may have moved the unread bytes to the front
            scanned += position;
        }
    }

    /**
     * Reads what the stream has at hand into the buffer's room, after making room: moving the
     * unread bytes to the front, or growing the buffer (a raw line's bytes, up to the maximum line
     * and its newline). Returns false at end of stream.
     */
    private boolean fill() throws IOException {
        if (limit == buffer.length) {
            int unread = limit - position;
            if (position == 0) {
                byte[] grown = new byte[(int) Math.min((long) buffer.length * 2, (long) maxFrame + 1)];
                System.arraycopy(buffer, 0, grown, 0, unread);
                buffer = grown;
            } else {
                System.arraycopy(buffer, position, buffer, 0, unread);
            }
            position = 0;
            limit = unread;
        } else if (limit == position) {
            position = 0;
            limit = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /** Back to a small buffer once a long raw line is read, unless the bytes at hand need the big one. */
    private void shrink() {
        int unread = limit - position;
        if (buffer.length > SMALL && unread <= SMALL) {
            byte[] small = new byte[SMALL];
            System.arraycopy(buffer, position, small, 0, unread);
            buffer = small;
            position = 0;
            limit = unread;
        }
    }

    private static EOFException midFrame() {
        return new EOFException("end of stream in the middle of a frame");
    }
}
