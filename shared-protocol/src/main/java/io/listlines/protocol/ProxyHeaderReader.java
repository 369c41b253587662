package io.listlines.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a PROXY protocol header (v1 or v2, haproxy's proxy-protocol.txt) is, for every server model:
 * Netty's {@link HAProxyMessageDecoder}, made here once ({@link #newDecoder}) so both models apply the
 * same limits. The Netty server puts one in its pipeline; the blocking servers {@link #read} the header
 * from the socket's stream, taking exactly its bytes (so the protocol's first byte stays unread) and
 * handing them to the same decoder, which alone says whether they are a header.
 */
public final class ProxyHeaderReader {
    /** The most TLV bytes a v2 header may carry (HAProxy sends none unless told to; a few with unique-id or SSL). */
    public static final int MAX_TLV_BYTES = 4096;

    /** The decoder needs this many bytes before it decides between v1 and v2 (the 13th byte is v2's version). */
    private static final int VERSION_BYTES = 13;

    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A,
    };
    private static final int V2_PREAMBLE = 16;

    private ProxyHeaderReader() {}

    /** A fresh decoder, one per connection: it removes itself from the pipeline after the header. */
    public static HAProxyMessageDecoder newDecoder() {
        return new HAProxyMessageDecoder(MAX_TLV_BYTES);
    }

    /** Called before each blocking read, to end the wait for the header at its deadline. */
    @FunctionalInterface
    public interface BeforeRead {
        void check() throws IOException;
    }

    /**
     * Reads one header from {@code in}, its bytes and no more: v2's 16-byte preamble then the length it
     * gives; v1 byte by byte up to its CRLF, at most what the decoder allows (108 bytes).
     *
     * @return the header; the caller releases it
     * @throws HAProxyProtocolException if the bytes are not a valid header
     * @throws EOFException if the stream ends before a complete header
     */
    public static HAProxyMessage read(InputStream in, BeforeRead beforeRead) throws IOException {
        EmbeddedChannel decoder = new EmbeddedChannel(newDecoder());
        try {
            byte[] start = readFully(in, VERSION_BYTES, beforeRead);
            HAProxyMessage message = feed(decoder, start);
            if (startsWithSignature(start)) {
                byte[] rest = readFully(in, V2_PREAMBLE - VERSION_BYTES, beforeRead);
                message = feed(decoder, rest); // a LOCAL header may end here, with no address block
                int length = ((rest[1] & 0xff) << 8) | (rest[2] & 0xff);
                // In chunks, so the decoder refuses an address block over its limit before all of it is read.
                for (int left = length; left > 0 && message == null; ) {
                    byte[] chunk = readFully(in, Math.min(left, 256), beforeRead);
                    left -= chunk.length;
                    message = feed(decoder, chunk);
                }
            } else {
                byte[] one = new byte[1];
                while (message == null) {
                    beforeRead.check();
                    if (in.read(one) < 0) {
                        throw new EOFException("end of stream inside the PROXY header");
                    }
                    message = feed(decoder, one);
                }
            }
            if (message == null) {
                throw new HAProxyProtocolException("incomplete header");
            }
            return message;
        } finally {
            release(decoder);
        }
    }

    /** Closes a decoder's channel and frees what it holds; a failed decoder fails again on close, which says nothing new. */
    public static void release(EmbeddedChannel decoder) {
        try {
            decoder.finishAndReleaseAll();
        } catch (RuntimeException again) {
            decoder.releaseInbound();
        }
    }

    /** The header's message once the decoder has one, else null; throws what the decoder throws. */
    private static HAProxyMessage feed(EmbeddedChannel decoder, byte[] bytes) {
        try {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
        } catch (HAProxyProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HAProxyProtocolException(e);
        }
        return decoder.readInbound();
    }

    private static boolean startsWithSignature(byte[] start) {
        for (int i = 0; i < V2_SIGNATURE.length; i++) {
            if (start[i] != V2_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readFully(InputStream in, int n, BeforeRead beforeRead) throws IOException {
        byte[] bytes = new byte[n];
        for (int done = 0; done < n; ) {
            beforeRead.check();
            int read = in.read(bytes, done, n - done);
            if (read < 0) {
                throw new EOFException("end of stream inside the PROXY header");
            }
            done += read;
        }
        return bytes;
    }
}
