package io.listlines.server;

import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.tenLineFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.core.ServerConfig;
import io.listlines.testing.Outbound;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.SessionLogCapture;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server pipeline with {@code --proxy-protocol}, on an {@link EmbeddedChannel} under the leak detector. */
class ProxyHeaderHandlerTest {
    private static final ServerConfig CONFIG =
            new ServerConfigBuilder().proxyProtocol(3).statsIntervalSeconds(0).build();

    private SessionLogCapture log;
    private ServerParts parts;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        log = new SessionLogCapture();
        parts = ServerParts.of(CONFIG);
        channel = new EmbeddedChannel(parts.initializer());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        log.close();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void nothingIsSentBeforeTheHeaderAndTheHeadersAddressIsThePeer() throws InterruptedException {
        assertEquals(0, Outbound.drain(channel).length, "no list before the header");
        // The header and the whole session in one read: the bytes after the header reach the frame decoder.
        channel.writeInbound(Unpooled.wrappedBuffer(
                concat(ascii("PROXY TCP4 192.0.2.7 127.0.0.1 40000 2727\r\n"), tenLineFrames())));
        assertTrue(Outbound.drain(channel).length > 0, "the list, once the header is in");
        log.await(l -> l.equals("Closed connection: 192.0.2.7:40000 (complete)"), Duration.ofSeconds(5));
        assertFalse(channel.isOpen());
        assertEquals(1, parts.stats().complete());
        assertEquals(null, channel.pipeline().get("proxyDecoder"), "the decoder leaves the pipeline after the header");
    }

    @Test
    void aHeaderSplitByteByByteStillOpensTheSession() throws InterruptedException {
        for (byte b : ascii("PROXY TCP6 2001:db8::5 ::1 5000 2727\r\n")) {
            assertEquals(0, Outbound.drain(channel).length);
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertTrue(Outbound.drain(channel).length > 0);
        channel.writeInbound(Unpooled.wrappedBuffer(tenLineFrames()));
        log.await(l -> l.contains("2001:db8:0:0:0:0:0:5]:5000 (complete)"), Duration.ofSeconds(5));
    }

    @Test
    void aGarbageHeaderClosesTheConnectionAsAProxyHeaderError() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("HELLO THERE\r\n")));
        channel.runPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals(0, Outbound.drain(channel).length, "no list for a bad header");
        log.await(l -> l.contains("(error: PROXY header: ") && !l.contains("Exception"), Duration.ofSeconds(5));
        assertEquals(Map.of("proxy_header", 1L), parts.stats().errors());
        assertEquals(0, parts.stats().open());
    }

    @Test
    void aLineOverTheV1LimitFailsWithoutWaitingForItsEnd() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY " + "9".repeat(200))));
        channel.runPendingTasks();
        assertFalse(channel.isOpen());
        log.await(l -> l.contains("exceeds the allowed maximum (108)"), Duration.ofSeconds(5));
    }

    @Test
    void noHeaderWithinTheTimeoutClosesTheConnection() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(ascii("PROXY TCP4 ")));
        channel.advanceTimeBy(3_001, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        log.await(l -> l.contains("(error: PROXY header: none within 3 s)"), Duration.ofSeconds(5));
        assertEquals(Map.of("proxy_header", 1L), parts.stats().errors());
    }

    @Test
    void aLocalHeaderGetsTheListAndIsCountedApart() throws InterruptedException {
        byte[] local = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0, 0};
        channel.writeInbound(Unpooled.wrappedBuffer(concat(local, tenLineFrames())));
        assertTrue(Outbound.drain(channel).length > 0);
        log.await(l -> l.contains("(PROXY LOCAL) (complete)"), Duration.ofSeconds(5));
        assertEquals(0, parts.stats().complete(), "not a client's session");
        assertEquals(1, parts.stats().proxyLocal());
        assertEquals(0, parts.stats().lines());
    }
}
