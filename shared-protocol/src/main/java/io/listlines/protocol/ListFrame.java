package io.listlines.protocol;

import io.netty.buffer.ByteBuf;

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
        return new ListFrame(SharedWire.of(bytes(list, framing)));
    }

    /**
     * The list as a blocking server sends it: the same bytes, in a new array that the server makes
     * once and every connection writes as it is (never modify it).
     */
    public static byte[] bytes(ListPayload list, Framing framing) {
        return bytes(list.pickle(), framing);
    }

    /** A payload as {@code framing} sends it: the 4-byte length and the payload, or the payload alone. */
    static byte[] bytes(byte[] payload, Framing framing) {
        int header = framing == Framing.FRAMED ? Protocol.LENGTH_FIELD_BYTES : 0;
        byte[] bytes = new byte[header + payload.length];
        if (header > 0) {
            FrameHeader.put(bytes, 0, payload.length);
        }
        System.arraycopy(payload, 0, bytes, header, payload.length);
        return bytes;
    }

    /** A new message to write: the shared bytes with an index of its own. */
    public ByteBuf message() {
        return wire.duplicate();
    }
}
