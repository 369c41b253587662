package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The raw framing's codecs: lines split anyhow, and pickles found by parsing, not by searching. */
class RawFramingTest {
    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static List<String> serverLines(EmbeddedChannel channel) {
        List<String> lines = new ArrayList<>();
        for (Object line; (line = channel.readInbound()) != null; ) {
            lines.add((String) line);
        }
        return lines;
    }

    private static EmbeddedChannel server(int maxLine) {
        return new EmbeddedChannel(new RawLineDecoder(maxLine), LineDecoder.INSTANCE);
    }

    @Test
    void linesMayArriveSplitOrManyAtOnce() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        channel.writeInbound(ascii("Hey. 0\nHey. 1\r\nHe"));
        channel.writeInbound(ascii("y"));
        channel.writeInbound(ascii(". 2\n\nHey. 3"));
        assertEquals(List.of("Hey. 0", "Hey. 1", "Hey. 2", ""), serverLines(channel));
        channel.writeInbound(ascii("\n"));
        assertEquals(List.of("Hey. 3"), serverLines(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineOfTheMaximumIsAcceptedAndOneByteMoreIsRefusedBeforeItsEnd() {
        EmbeddedChannel channel = server(8);
        channel.writeInbound(ascii("12345678\n"));
        assertEquals(List.of("12345678"), serverLines(channel));
        channel.writeInbound(ascii("1234"));
        assertThrows(ProtocolException.class, () -> channel.writeInbound(ascii("56789")));
        channel.writeInbound(ascii("more\n")); // dropped while the connection closes
        assertTrue(serverLines(channel).isEmpty());
        channel.finishAndReleaseAll();
    }

    @Test
    void invalidUtf8InARawLineIsRefused() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        assertThrows(ProtocolException.class, () -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, '\n'})));
        channel.finishAndReleaseAll();
    }

    @Test
    void theServerSendsThePickleAlone() {
        EmbeddedChannel channel = server(Protocol.DEFAULT_MAX_FRAME);
        ListPayload list = ListPayload.of(Protocol.DEFAULT_LIST);
        channel.writeOutbound(ListFrame.of(list, Framing.RAW).message());
        ByteBuf out = channel.readOutbound();
        assertEquals(HexFormat.of().formatHex(list.pickle()), io.netty.buffer.ByteBufUtil.hexDump(out));
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theClientFindsTheEndOfAPickleSplitAnywhere() {
        // The STOP byte '.' (0x2e) is also the value 46 inside: searching for it would cut the pickle short.
        List<Long> values = LongStream.range(0, 300).map(i -> i % 2 == 0 ? 46 : 0x2e2e2e2eL).boxed().toList();
        byte[] pickle = PickledList.pickle(values);
        for (int chunk : new int[] {1, 7, 500, pickle.length}) {
            EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
            for (int at = 0; at < pickle.length; at += chunk) {
                assertNull(channel.readInbound(), "no list before the whole pickle");
                channel.writeInbound(Unpooled.wrappedBuffer(pickle, at, Math.min(chunk, pickle.length - at)));
            }
            assertEquals(values, channel.readInbound());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void theClientRefusesBytesAfterTheListAndPicklesThatNeverEnd() {
        EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
        byte[] pickle = PickledList.pickle(Protocol.DEFAULT_LIST);
        ByteBuf withExtra = Unpooled.buffer().writeBytes(pickle).writeBytes(new byte[] {1, 2});
        assertThrows(ProtocolException.class, () -> channel.writeInbound(withExtra));
        assertEquals(Protocol.DEFAULT_LIST, channel.readInbound());
        channel.finishAndReleaseAll();

        EmbeddedChannel endless = rawClient(64);
        byte[] opening = HexFormat.of().parseHex("80025d710028"); // PROTO 2, EMPTY_LIST, BINPUT, MARK
        endless.writeInbound(Unpooled.wrappedBuffer(opening));
        byte[] ints = new byte[80];
        for (int i = 0; i < ints.length; i += 2) {
            ints[i] = 'K';
            ints[i + 1] = 1;
        }
        assertThrows(ListFormatException.class, () -> endless.writeInbound(Unpooled.wrappedBuffer(ints)));
        endless.finishAndReleaseAll();
    }

    @Test
    void theClientWritesLinesWithNewlines() {
        EmbeddedChannel channel = rawClient(Protocol.DEFAULT_MAX_FRAME);
        channel.writeOutbound("Hey. 0");
        ByteBuf out = channel.readOutbound();
        assertEquals("Hey. 0\n", out.toString(StandardCharsets.UTF_8));
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theBlockingCodecReadsRawLines() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        BlockingCodec codec = new BlockingCodec(new ByteArrayInputStream("a\nb\r\n\nc".getBytes(StandardCharsets.UTF_8)),
                written, 8, Framing.RAW);
        assertEquals("a", codec.readLine());
        assertEquals("b", codec.readLine());
        assertEquals("", codec.readLine());
        assertThrows(EOFException.class, codec::readLine);
        codec.writeList(new byte[] {1, 2, 3});
        assertEquals(3, written.size());

        BlockingCodec longLine = new BlockingCodec(new ByteArrayInputStream("123456789\n".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), 8, Framing.RAW);
        assertThrows(ProtocolException.class, longLine::readLine);
        BlockingCodec empty = new BlockingCodec(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), 8, Framing.RAW);
        assertNull(empty.readLine());
    }

    /** The raw client's codecs, as the client's pipeline has them. */
    private static EmbeddedChannel rawClient(int maxFrame) {
        return new EmbeddedChannel(new RawListDecoder(maxFrame), LineEncoder.RAW);
    }
}
