package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;

/**
 * Bytes every connection sends alike, encoded once into a read-only direct buffer that each
 * connection writes a duplicate of. Netty's socket transports copy a heap buffer into a direct one
 * before writing it; a shared direct buffer is written as it is. The memory belongs to a JDK
 * direct {@link ByteBuffer} (freed by the garbage collector, never by Netty) and the buffer is
 * unreleasable, so no connection's release can free it for the others.
 */
final class SharedWire {
    private SharedWire() {}

    static ByteBuf of(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
    }
}
