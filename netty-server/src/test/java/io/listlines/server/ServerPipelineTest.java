package io.listlines.server;

import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;
import static io.listlines.testing.Frames.tenLineFrames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.core.ServerConfig;
import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Outbound;
import io.listlines.testing.Pickles;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.SessionLogCapture;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole server pipeline on an {@link EmbeddedChannel}: every session rule and error case of docs/PROTOCOL.md. */
class ServerPipelineTest {
    private static final ServerConfig CONFIG = new ServerConfigBuilder().build();

    private SessionLogCapture log;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        log = new SessionLogCapture();
        channel = new EmbeddedChannel(ServerParts.of(CONFIG).initializer());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        log.close();
    }

    private String outcome() throws InterruptedException {
        return log.await(l -> l.startsWith("Closed connection: "), Duration.ofSeconds(5))
                .replaceAll(".*\\((.*)\\)$", "$1");
    }

    @Test
    void aConnectionOverMaxConnectionsIsRefusedBeforeAnyPipelineIsBuilt() throws InterruptedException {
        ServerConfig oneAtATime = new ServerConfigBuilder()
                .maxConnections(1)
                .statsIntervalSeconds(0)
                .build();
        ServerParts server = ServerParts.of(oneAtATime);
        EmbeddedChannel first = new EmbeddedChannel(server.initializer());
        EmbeddedChannel second = new EmbeddedChannel(server.initializer());
        try {
            assertTrue(first.isOpen());
            assertFalse(second.isOpen(), "refused at once");
            assertNull(second.pipeline().get("session"), "no handler built for a refused connection");
            assertNull(second.readOutbound(), "and no list written to it");
            assertEquals(2, server.stats().accepted());
            assertEquals(1, server.stats().rejected());
            assertEquals(1, server.stats().open());
            assertEquals(1, server.channels().size());
            log.await(
                    l -> l.startsWith("Rejected connection: ") && l.contains("--max-connections"),
                    Duration.ofSeconds(5));
        } finally {
            first.finishAndReleaseAll();
            second.finishAndReleaseAll();
        }
        assertEquals(0, server.stats().open());
    }

    @Test
    void sendsTheListFrameOnConnect() {
        byte[] sent = Outbound.drain(channel);
        assertArrayEquals(frame(PickledList.pickle(Protocol.DEFAULT_LIST)), sent);
        assertEquals(
                Protocol.DEFAULT_LIST,
                Pickles.unpickle(Arrays.copyOfRange(sent, Protocol.LENGTH_FIELD_BYTES, sent.length)));
        assertTrue(log.lines().contains("Received connection: embedded"));
    }

    @Test
    void closesAfterTheTenthLine() throws InterruptedException {
        Outbound.drain(channel);
        byte[] lines = tenLineFrames();
        int nine = lines.length - frame("Hey. 9".getBytes(StandardCharsets.UTF_8)).length;
        channel.writeInbound(Unpooled.wrappedBuffer(lines, 0, nine));
        assertTrue(channel.isOpen(), "nine lines do not complete a session");
        channel.writeInbound(Unpooled.wrappedBuffer(lines, nine, lines.length - nine));
        assertFalse(channel.isOpen());
        assertEquals("complete", outcome());
        assertEquals(
                10,
                log.lines().stream()
                        .filter(l -> l.startsWith("embedded: Hey. "))
                        .count());
        assertEquals(0, Outbound.drain(channel).length, "nothing but the list frame is sent");
    }

    @Test
    void aSessionSentByteByByteCompletes() throws InterruptedException {
        for (byte b : tenLineFrames()) {
            assertTrue(channel.isOpen());
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertFalse(channel.isOpen());
        assertEquals("complete", outcome());
    }

    @Test
    void bytesAfterTheTenthFrameAreIgnored() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tenLineFrames());
        out.writeBytes(frame("eleven".getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(prefix(0xFFFF_FFFFL));
        out.writeBytes(new byte[] {1, 2, 3});
        channel.writeInbound(Unpooled.wrappedBuffer(out.toByteArray()));
        assertFalse(channel.isOpen());
        assertEquals("complete", outcome());
        assertFalse(log.lines().contains("embedded: eleven"));
    }

    @Test
    void trailingNewlinesAreNotPartOfTheLine() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(frame("a\n".getBytes(StandardCharsets.UTF_8))));
        channel.writeInbound(Unpooled.wrappedBuffer(frame("b\r\n".getBytes(StandardCharsets.UTF_8))));
        channel.writeInbound(Unpooled.wrappedBuffer(frame(new byte[0])));
        assertTrue(log.lines().containsAll(List.of("embedded: a", "embedded: b", "embedded: ")));
    }

    @Test
    void anOversizedLengthEndsTheConnectionAtOnce() throws InterruptedException {
        for (long length : new long[] {Protocol.DEFAULT_MAX_FRAME + 1L, 0x7fffffffL, 0x80000000L, 0xffffffffL}) {
            close();
            open();
            channel.writeInbound(Unpooled.wrappedBuffer(prefix(length)));
            assertFalse(channel.isOpen(), "closed without waiting for the payload of " + length);
            assertEquals("error: frame of " + length + " bytes announced, over the maximum of 65536", outcome());
        }
    }

    @Test
    void aFrameOfExactlyTheMaximumIsALine() {
        byte[] payload = new byte[Protocol.DEFAULT_MAX_FRAME];
        Arrays.fill(payload, (byte) 'a');
        channel.writeInbound(Unpooled.wrappedBuffer(frame(payload)));
        assertTrue(channel.isOpen());
    }

    @Test
    void invalidUtf8EndsTheConnection() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(frame("ok".getBytes(StandardCharsets.UTF_8))));
        channel.writeInbound(Unpooled.wrappedBuffer(frame(new byte[] {(byte) 0xc0, (byte) 0xaf})));
        assertFalse(channel.isOpen());
        assertEquals("error: line is not valid UTF-8", outcome());
    }

    @Test
    void anHttpRequestIsNotAFrame() throws InterruptedException {
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        assertFalse(channel.isOpen());
        assertTrue(outcome().startsWith("error: frame of "));
    }

    @Test
    void idleClientsAreDisconnected() throws InterruptedException {
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "closed before the idle timeout");
        channel.advanceTimeBy(2, TimeUnit.SECONDS); // past the timeout by more than a sweep's period
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals("error: idle for more than 30 s", outcome());
    }

    @Test
    void anyByteReadIsProgress() throws InterruptedException {
        channel.advanceTimeBy(20, TimeUnit.SECONDS);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0})); // half a length prefix
        channel.advanceTimeBy(20, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen(), "closed 20 s after its last byte, with a 30 s idle timeout");
        channel.advanceTimeBy(11, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertFalse(channel.isOpen());
        assertEquals("error: idle for more than 30 s", outcome());
    }

    @Test
    void endOfStreamBeforeTenLinesIsIncomplete() throws InterruptedException {
        byte[] lines = tenLineFrames();
        channel.writeInbound(Unpooled.wrappedBuffer(lines, 0, 30)); // three lines and a bit
        channel.close();
        assertEquals("incomplete 3/10", outcome());
    }

    @Test
    void theClientMayCloseRightAfterItsTenLines() throws InterruptedException {
        channel.writeInbound(Unpooled.wrappedBuffer(tenLineFrames()));
        channel.close();
        assertEquals("complete", outcome());
        assertNull(channel.readInbound());
    }
}
