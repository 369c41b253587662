package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The list as a Netty server sends it, encoded once per server for its framing (the 4-byte length
 * and the pickle, or the pickle alone) into a {@link SharedWire} buffer; every connection writes a
 * duplicate of it. A wrapped byte array would be copied per connection by the socket transports,
 * so a client that never read the list would cost the whole list; here it costs a reference.
 */
public final class ListFrame {
    private final ByteBuf wire;

    private ListFrame(ByteBuf wire) {
        this.wire = wire;
    }

    public static ListFrame of(ListPayload list, Framing framing) {
        byte[] pickle = list.pickle();
        int header = framing == Framing.FRAMED ? Protocol.LENGTH_FIELD_BYTES : 0;
        ByteBuffer bytes = ByteBuffer.allocate(header + pickle.length);
        if (header > 0) {
            bytes.putInt(pickle.length);
        }
        bytes.put(pickle);
        return new ListFrame(SharedWire.of(bytes.array()));
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
