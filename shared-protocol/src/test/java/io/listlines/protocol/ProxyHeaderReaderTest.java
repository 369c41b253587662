package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocking servers' PROXY header reader: Netty's decoder's verdicts, and exactly the header's bytes taken. */
class ProxyHeaderReaderTest {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] AFTER = {0, 0, 0, 6, 'H', 'e', 'y', '.', ' ', '0'};

    private static byte[] v1(String line) {
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] v2Tcp4() {
        byte[] header = Arrays.copyOf(SIGNATURE, 28);
        header[12] = 0x21;
        header[13] = 0x11;
        header[15] = 12;
        byte[] rest = {(byte) 192, 0, 2, 9, 127, 0, 0, 1, 0x1F, 0x40, 0x0A, (byte) 0xA7};
        System.arraycopy(rest, 0, header, 16, 12);
        return header;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Reads a header off {@code bytes} and returns what is left unread after it. */
    private static byte[] leftAfter(byte[] bytes, HAProxyMessage[] into) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        into[0] = ProxyHeaderReader.read(in, () -> {});
        return in.readAllBytes();
    }

    @Test
    void v1AndV2HeadersAreReadToTheirLastByteAndNoFurther() throws IOException {
        HAProxyMessage[] message = new HAProxyMessage[1];
        assertArrayEquals(AFTER, leftAfter(concat(v1("PROXY TCP4 192.0.2.1 127.0.0.1 4000 2727\r\n"), AFTER), message));
        assertEquals("192.0.2.1", message[0].sourceAddress());
        assertEquals(4000, message[0].sourcePort());
        message[0].release();
        assertArrayEquals(AFTER, leftAfter(concat(v2Tcp4(), AFTER), message));
        assertEquals("192.0.2.9", message[0].sourceAddress());
        assertEquals(8000, message[0].sourcePort());
        message[0].release();
        byte[] local = Arrays.copyOf(SIGNATURE, 16);
        local[12] = 0x20;
        assertArrayEquals(AFTER, leftAfter(concat(local, AFTER), message));
        assertEquals(HAProxyCommand.LOCAL, message[0].command());
        message[0].release();
    }

    @Test
    void badOrShortHeadersAreRefused() {
        assertThrows(
                HAProxyProtocolException.class, () -> leftAfter(v1("GET / HTTP/1.1\r\n\r\n"), new HAProxyMessage[1]));
        assertThrows(
                HAProxyProtocolException.class, () -> leftAfter(v1("PROXY " + "1".repeat(120)), new HAProxyMessage[1]));
        assertThrows(EOFException.class, () -> leftAfter(v1("PROXY TCP4 1.2.3.4"), new HAProxyMessage[1]));
        assertThrows(EOFException.class, () -> leftAfter(Arrays.copyOf(v2Tcp4(), 20), new HAProxyMessage[1]));
    }

    /**
     * Mutations of valid headers, then a session's first bytes: the reader accepts exactly what one
     * decoder given all the bytes at once accepts, with the same source, and leaves the rest unread.
     */
    @Test
    void fuzzTheReaderAgreesWithTheDecoderFedAtOnce() {
        Random random = new Random(Long.getLong("listlines.fuzz.seed", 13L));
        byte[][] seeds = {v1("PROXY TCP4 192.0.2.1 127.0.0.1 4000 2727\r\n"), v1("PROXY UNKNOWN\r\n"), v2Tcp4()};
        int tries = Integer.getInteger("listlines.fuzz.tries", 300);
        int accepted = 0;
        for (int t = 0; t < tries; t++) {
            byte[] header = seeds[random.nextInt(seeds.length)].clone();
            for (int m = random.nextInt(3); m > 0; m--) {
                header[random.nextInt(header.length)] = (byte) random.nextInt(256);
            }
            byte[] bytes = concat(header, AFTER);
            String once = decodeAtOnce(bytes);
            String read;
            try {
                HAProxyMessage[] message = new HAProxyMessage[1];
                byte[] left = leftAfter(bytes, message);
                read = message[0].sourceAddress() + " " + message[0].sourcePort();
                message[0].release();
                if (!once.startsWith("error")) {
                    assertArrayEquals(AFTER, left, "try " + t + ": only the header is read");
                }
                accepted++;
            } catch (HAProxyProtocolException | IOException e) {
                read = "error";
            }
            String reading = read;
            assertEquals(
                    once.startsWith("error") ? "error" : once,
                    reading.startsWith("error") ? "error" : reading,
                    "try " + t + ": " + Arrays.toString(bytes));
        }
        System.out.println("[fuzz] ProxyHeaderReader: " + tries + " tries, " + accepted + " accepted");
    }

    private static String decodeAtOnce(byte[] bytes) {
        EmbeddedChannel decoder = new EmbeddedChannel(ProxyHeaderReader.newDecoder());
        try {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
            HAProxyMessage message = decoder.readInbound();
            if (message == null) {
                return "error: incomplete";
            }
            String result = message.sourceAddress() + " " + message.sourcePort();
            message.release();
            return result;
        } catch (RuntimeException e) {
            return "error";
        } finally {
            ProxyHeaderReader.release(decoder);
        }
    }
}
