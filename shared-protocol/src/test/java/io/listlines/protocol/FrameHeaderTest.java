package io.listlines.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame header against docs/PROTOCOL.md's bytes, written out here by hand: every other test builds frames with it. */
class FrameHeaderTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, 00000000",
        "6, 00000006",
        "255, 000000ff",
        "256, 00000100",
        "65536, 00010000",
        "16909060, 01020304",
        "2147483647, 7fffffff",
        "2147483648, 80000000",
        "4294967295, ffffffff",
    })
    void unsigned32BitBigEndianEveryWay(long length, String hex) {
        byte[] expected = HexFormat.of().parseHex(hex);
        assertArrayEquals(expected, FrameHeader.of(length));
        assertEquals(length, FrameHeader.get(expected, 0));

        byte[] array = new byte[7];
        FrameHeader.put(array, 2, length);
        assertEquals(hex, HexFormat.of().formatHex(array, 2, 6));
        assertEquals(length, FrameHeader.get(array, 2));

        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte(0x2e);
            FrameHeader.write(buf, length);
            assertEquals("2e" + hex, ByteBufUtil.hexDump(buf));
            assertEquals(length, FrameHeader.get(buf, 1));
            FrameHeader.set(buf, 1, 0);
            assertEquals("2e00000000", ByteBufUtil.hexDump(buf));
            FrameHeader.set(buf, 1, length);
            buf.skipBytes(1);
            assertEquals(length, FrameHeader.read(buf));
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE})
    void aLengthThatFourBytesCannotHoldIsRefused(long length) {
        assertThrows(IllegalArgumentException.class, () -> FrameHeader.of(length));
        ByteBuf buf = Unpooled.buffer();
        try {
            assertThrows(IllegalArgumentException.class, () -> FrameHeader.write(buf, length));
            assertEquals(0, buf.writerIndex(), "nothing written");
        } finally {
            buf.release();
        }
    }
}
