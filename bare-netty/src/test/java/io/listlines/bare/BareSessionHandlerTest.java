package io.listlines.bare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.ListPayload;
import io.listlines.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BareSessionHandlerTest {
    /** The list frame as the protocol's own encoder writes it: the bare server's constant must equal it. */
    private static final byte[] LIST_FRAME = ListFrame.bytes(ListPayload.of(Protocol.DEFAULT_LIST), Framing.FRAMED);

    @Test
    void sendsTheListThenClosesAfterTheTenthLine() {
        EmbeddedChannel channel = new EmbeddedChannel(new BareInitializer());
        ByteBuf list = channel.readOutbound();
        assertArrayEquals(LIST_FRAME, ByteBufUtil.getBytes(list));
        list.release();
        for (int i = 0; i < 10; i++) {
            assertTrue(channel.isOpen(), "open before line " + (i + 1));
            channel.writeInbound(frame("line " + i + "\n"));
        }
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void anOversizedFrameEndsTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new BareInitializer());
        ((ByteBuf) channel.readOutbound()).release();
        channel.pipeline().fireChannelRead(Unpooled.buffer().writeInt(65_537).writeZero(8));
        assertFalse(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    private static ByteBuf frame(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes);
    }
}
