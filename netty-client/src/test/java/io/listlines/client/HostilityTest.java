package io.listlines.client;

import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.lineFrames;
import static io.listlines.testing.Frames.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Frames;
import io.listlines.testing.Outbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each hostile client of the soak puts on the wire, and how it reports its end. */
class HostilityTest {

    /** Plays {@code hostility} against a server that sends the list frame; returns what it wrote and what it reported. */
    private static byte[] play(Hostility hostility, List<Boolean> ended) {
        EmbeddedChannel channel = new EmbeddedChannel(hostility.handler(ended::add));
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(Frames.frame(PickledList.pickle(Protocol.DEFAULT_LIST))));
            return Outbound.drain(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void eachHostilityWritesItsBytes() {
        List<Boolean> ended = new ArrayList<>();
        assertArrayEquals(lineFrames(5), play(Hostility.RESET_MIDWAY, ended));
        assertArrayEquals(
                concat(lineFrames(2), prefix(10), "Hey".getBytes(StandardCharsets.US_ASCII)),
                play(Hostility.PARTIAL_FRAME, ended));
        assertArrayEquals(new byte[0], play(Hostility.IDLE, ended));
        assertArrayEquals(prefix(0xFFFF_FFFFL), play(Hostility.OVERSIZED_LENGTH, ended));
        assertArrayEquals(
                "GET / HTTP/1.1\r\nHost: listlines\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                play(Hostility.GARBAGE, ended));
        // each ends once, as it should: the first two by their own close, the others by the server's (here: the test's)
        assertEquals(List.of(true, true, true, true, true), ended);
    }

    @Test
    void anErrorEndsTheSessionsThatCloseThemselvesWrongly() {
        for (Hostility hostility : Hostility.values()) {
            List<Boolean> ended = new ArrayList<>();
            EmbeddedChannel channel = new EmbeddedChannel(hostility.handler(ended::add));
            channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
            channel.finishAndReleaseAll();
            boolean expected = hostility != Hostility.RESET_MIDWAY && hostility != Hostility.PARTIAL_FRAME;
            assertEquals(List.of(expected), ended, hostility.name());
            assertFalse(channel.isOpen());
        }
    }
}
