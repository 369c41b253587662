package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.FrameHeader;
import io.listlines.protocol.Framing;
import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.report.Outcome;
import io.listlines.runtime.Transport;
import io.listlines.testing.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client pipeline on an {@link EmbeddedChannel}: the session, and every way a server can misbehave. */
class ClientPipelineTest {
    private final AtomicReference<SessionResult> result = new AtomicReference<>();
    private EmbeddedChannel channel;

    private EmbeddedChannel open(List<Long> expect) {
        return open(expect, 0);
    }

    private EmbeddedChannel open(List<Long> expect, int thinkMillis) {
        ClientConfig config = new ClientConfig(
                "server",
                2727,
                Protocol.DEFAULT_MAX_FRAME,
                10,
                Transport.NIO,
                expect,
                thinkMillis,
                Framing.FRAMED,
                null,
                null);
        channel = new EmbeddedChannel(new ClientInitializer(
                config, InetSocketAddress.createUnresolved("server", 2727), "server:2727", System.nanoTime(), r -> {
                    assertNull(result.getAndSet(r), "one result per session");
                }));
        return channel;
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf frame(byte[] payload) {
        return Unpooled.wrappedBuffer(Frames.frame(payload));
    }

    /** The lines the client wrote, read back frame by frame (ten in one buffer, or one per write). */
    private List<String> sentLines() {
        List<String> lines = new ArrayList<>();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            while (buf.isReadable()) {
                int length = (int) FrameHeader.read(buf);
                lines.add(buf.readCharSequence(length, StandardCharsets.UTF_8).toString());
            }
            buf.release();
        }
        return lines;
    }

    /** The session's one result: {@code outcome}, told as {@code message}. */
    private void assertEnded(Outcome outcome, String message) {
        assertEquals(outcome, result.get().outcome());
        assertEquals(message, result.get().message());
    }

    @Test
    void aCompleteSession() {
        open(Protocol.DEFAULT_LIST);
        channel.writeInbound(frame(PickledList.pickle(Protocol.DEFAULT_LIST)));
        assertEquals(
                List.of(
                        "Hey. 0", "Hey. 1", "Hey. 2", "Hey. 3", "Hey. 4", "Hey. 5", "Hey. 6", "Hey. 7", "Hey. 8",
                        "Hey. 9"),
                sentLines());
        assertNull(result.get(), "not complete before the server closes");
        channel.close();
        assertTrue(result.get().isComplete());
        assertEquals(Protocol.DEFAULT_LIST, result.get().list());
    }

    @Test
    void everyPickleProtocolIsAccepted() {
        // pickle.dumps([1, 2, 7, 9, 0], protocol) for protocols 0 and 5
        for (String hex : new String[] {
            "286c70300a49310a6149320a6149370a6149390a6149300a612e",
            "80059510000000000000005d94284b014b024b074b094b00652e"
        }) {
            result.set(null);
            open(Protocol.DEFAULT_LIST);
            channel.writeInbound(frame(HexFormat.of().parseHex(hex)));
            assertEquals(10, sentLines().size());
            channel.close();
            assertTrue(result.get().isComplete(), () -> result.get().message());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aPickleThatIsNotAListOfIntegersIsAProtocolError() {
        for (String hex : new String[] {
            "800258ffffff7f", // a string of 2 GB declared in 7 bytes
            "80025d7100284b01580100000078652e", // [1, 'x']
            "636f730a73797374656d0a2853277472756527", // os.system
            "474554202f20485454502f312e310d0a", // not a pickle at all
        }) {
            result.set(null);
            open(null);
            channel.writeInbound(frame(HexFormat.of().parseHex(hex)));
            assertFalse(channel.isOpen());
            SessionResult r = result.get();
            assertEquals(Outcome.PROTOCOL_ERROR, r.outcome());
            assertTrue(
                    r.message().startsWith("The list frame from server:2727 is not a pickled list of integers: "),
                    r.message());
            assertTrue(sentLines().isEmpty(), "no line is sent after a bad list");
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void anUnexpectedListIsAProtocolError() {
        open(Protocol.DEFAULT_LIST);
        channel.writeInbound(frame(PickledList.pickle(List.of(3L))));
        assertEnded(Outcome.PROTOCOL_ERROR, "server:2727 sent the list [3], not the expected [1, 2, 7, 9, 0].");
    }

    @Test
    void anOversizedFrameIsRefusedAtOnce() {
        open(null);
        channel.writeInbound(Unpooled.wrappedBuffer(Frames.prefix(0xFFFF_FFFFL)));
        assertFalse(channel.isOpen());
        assertEnded(
                Outcome.PROTOCOL_ERROR,
                "server:2727 sent a frame of 4294967295 bytes announced, over the maximum of 65536.");
    }

    @Test
    void aSecondFrameIsAProtocolError() {
        open(null);
        channel.writeInbound(frame(PickledList.pickle(Protocol.DEFAULT_LIST)));
        sentLines();
        channel.writeInbound(frame(PickledList.pickle(Protocol.DEFAULT_LIST)));
        assertEquals(Outcome.PROTOCOL_ERROR, result.get().outcome());
    }

    @Test
    void aServerThatClosesFirstClosedEarly() {
        open(null);
        channel.close();
        assertEnded(Outcome.CLOSED_EARLY, "server:2727 closed the connection before sending the list.");
    }

    @Test
    void aSilentServerTimesOut() {
        open(null);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT);
        assertEquals(Outcome.TIMEOUT, result.get().outcome());
        assertNotNull(result.get().message());
        assertTrue(result.get().message().contains("waiting for the list"));
    }

    /** Moves the channel's clock on 10 ms at a time, running each task when it comes due. */
    private void advance(long millis) {
        for (long t = 0; t < millis; t += 10) {
            channel.advanceTimeBy(Math.min(10, millis - t), TimeUnit.MILLISECONDS);
            channel.runPendingTasks();
        }
    }

    /**
     * A slow client (think 1 s, timeout 10 s): ten lines over ten seconds, then the wait for the close.
     * The read that brought the list completes a moment after the session saw it, as on a busy event
     * loop, so a clock counting from the read runs out just after the tenth line leaves.
     */
    private void slowSessionUpToTheLastLine() {
        open(Protocol.DEFAULT_LIST, 1000);
        channel.freezeTime();
        channel.pipeline().fireChannelRead(frame(PickledList.pickle(Protocol.DEFAULT_LIST)));
        channel.advanceTimeBy(50, TimeUnit.MILLISECONDS);
        channel.pipeline().fireChannelReadComplete();
        advance(0);
        advance(9_960);
        assertEquals(Protocol.LINES_PER_SESSION, sentLines().size());
    }

    @Test
    void theWaitForTheCloseCountsFromTheLastLineNotFromTheList() {
        slowSessionUpToTheLastLine();
        advance(9_900);
        assertNull(result.get(), "ten seconds after the list, but only 9.9 s after the last line: still waiting");
        channel.close();
        assertTrue(result.get().isComplete());
    }

    @Test
    void aServerThatDoesNotCloseAfterTheLastLineTimesOut() {
        slowSessionUpToTheLastLine();
        advance(10_000);
        assertEquals(Outcome.TIMEOUT, result.get().outcome());
        assertTrue(
                result.get().message().contains("to close the session"),
                result.get().message());
    }

    @Test
    void aThinkTimeLongerThanTheTimeoutIsNotATimeout() {
        // 12.5 s, not a multiple of the timeout: the last line then leaves mid-way through an idle period
        open(Protocol.DEFAULT_LIST, 12_500);
        channel.freezeTime();
        channel.writeInbound(frame(PickledList.pickle(Protocol.DEFAULT_LIST)));
        for (int i = 0; i < Protocol.LINES_PER_SESSION; i++) {
            advance(12_500);
            assertNull(result.get(), "our own pause is not the server's silence");
        }
        assertEquals(Protocol.LINES_PER_SESSION, sentLines().size());
        advance(9_000);
        assertNull(result.get());
        advance(1_000);
        assertEquals(Outcome.TIMEOUT, result.get().outcome());
    }
}
