package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * The list as a Netty server sends it, encoded once per server for its framing (the 4-byte length
 * and the pickle, or the pickle alone) into one read-only direct buffer; every connection writes
 * a duplicate of it. Netty's socket transports copy a heap buffer into a direct one before writing
 * it, so without this each connection would hold its own copy of the list until its client read it:
 * a client that never reads would cost the whole list. Here it costs a reference.
 *
 * <p>The bytes belong to a JDK direct {@link ByteBuffer} (freed by the garbage collector with this
 * object, and never by Netty); the duplicates are unreleasable, so a connection releasing its
 * message cannot free the list for the others.
 */
public final class ListFrame {
    private final ByteBuf wire;

    private ListFrame(ByteBuf wire) {
        this.wire = wire;
    }

    public static ListFrame of(ListPayload list, Framing framing) {
        byte[] pickle = list.pickle();
        int header = framing == Framing.FRAMED ? Protocol.LENGTH_FIELD_BYTES : 0;
        ByteBuffer bytes = ByteBuffer.allocateDirect(header + pickle.length);
        if (header > 0) {
            bytes.putInt(pickle.length);
        }
        bytes.put(pickle).flip();
        return new ListFrame(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly()));
    }

    /** A new message to write: the shared bytes with an index of its own. */
    public ByteBuf message() {
        return wire.duplicate();
    }

    /** Bytes on the wire. */
    public int length() {
        return wire.readableBytes();
    }
}
