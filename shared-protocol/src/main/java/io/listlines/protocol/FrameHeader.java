package io.listlines.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The length in front of every frame (docs/PROTOCOL.md): {@link Protocol#LENGTH_FIELD_BYTES} bytes, the
 * payload's length as an unsigned 32-bit big-endian integer. The one place that writes and reads
 * it, for the Netty codecs, the blocking codec and the tests' frames alike. Lengths are {@code long}
 * so that a header announcing up to {@link #MAX_LENGTH} (top bit set included) can be read, and
 * written by a test; deciding whether an announced length is acceptable is the receiver's
 * ({@link FrameTooLongException#check}).
 */
public final class FrameHeader {
    /** The largest length a header can announce. */
    public static final long MAX_LENGTH = 0xFFFF_FFFFL;

    private FrameHeader() {}

    /** Appends a header announcing {@code length}; returns {@code out}. */
    public static ByteBuf write(ByteBuf out, long length) {
        return out.writeInt(checked(length));
    }

    /** Overwrites the header at {@code index} (written before its payload's length was known). */
    public static void set(ByteBuf buf, int index, long length) {
        buf.setInt(index, checked(length));
    }

    /** The length the header at {@code index} announces; indexes do not move. */
    public static long get(ByteBuf in, int index) {
        return in.getUnsignedInt(index);
    }

    /** Reads a header: the length it announces. */
    public static long read(ByteBuf in) {
        return in.readUnsignedInt();
    }

    /** Writes a header announcing {@code length} into {@code into} at {@code offset}. */
    public static void put(byte[] into, int offset, long length) {
        int n = checked(length);
        into[offset] = (byte) (n >>> 24);
        into[offset + 1] = (byte) (n >>> 16);
        into[offset + 2] = (byte) (n >>> 8);
        into[offset + 3] = (byte) n;
    }

    /** The length the header at {@code offset} of {@code from} announces. */
    public static long get(byte[] from, int offset) {
        return ((from[offset] & 0xffL) << 24)
                | ((from[offset + 1] & 0xff) << 16)
                | ((from[offset + 2] & 0xff) << 8)
                | (from[offset + 3] & 0xff);
    }

    /** A header announcing {@code length}, alone. */
    public static byte[] of(long length) {
        byte[] header = new byte[Protocol.LENGTH_FIELD_BYTES];
        put(header, 0, length);
        return header;
    }

    private static int checked(long length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a frame header holds 0 to " + MAX_LENGTH + ", not " + length);
        }
        return (int) length;
    }
}
