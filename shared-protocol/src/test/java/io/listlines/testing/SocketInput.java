package io.listlines.testing;

import java.io.InputStream;
import java.util.Objects;

/**
 * An input stream that reads as a socket's does, for testing blocking readers: a read hands out at
 * least one byte (or ends the stream) and at most what has arrived, and nothing is ever available
 * without blocking, so a reader cannot lean on {@code available()}. Subclasses say what has arrived.
 */
public abstract class SocketInput extends InputStream {

    /**
     * Hands out between 1 and {@code len} bytes ({@code len} at least 1) into {@code b} from
     * {@code off}, or returns -1 where the stream ends.
     */
    protected abstract int arrived(byte[] b, int off, int len);

    @Override
    public final int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        return len == 0 ? 0 : arrived(b, off, len);
    }

    @Override
    public final int available() {
        return 0;
    }
}
