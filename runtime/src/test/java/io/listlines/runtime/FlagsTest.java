package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {
    @Test
    void parseList() {
        assertEquals(List.of(), Flags.parseList("--list", ""));
        assertEquals(List.of(), Flags.parseList("--list", "   "));
        assertEquals(List.of(1L, 2L, 7L, 9L, 0L), Flags.parseList("--list", "1,2,7,9,0"));
        assertEquals(List.of(-1L, 2L), Flags.parseList("--list", " -1 ,\t2 "));
        assertEquals(List.of(Long.MIN_VALUE), Flags.parseList("--list", "-9223372036854775808"));
        CommandFailure trailing = assertThrows(CommandFailure.class, () -> Flags.parseList("--list", "1,2,"));
        assertEquals(2, trailing.status());
        assertTrue(trailing.getMessage().startsWith("--list "), trailing.getMessage());
    }

    @Test
    void maxFrameFromOneByteToTheProtocolLimit() {
        assertEquals(1, Flags.maxFrame(1));
        assertEquals(Protocol.MAX_FRAME_LIMIT, Flags.maxFrame(Protocol.MAX_FRAME_LIMIT));
        for (int bad : new int[] {0, -1, Protocol.MAX_FRAME_LIMIT + 1}) {
            CommandFailure failure = assertThrows(CommandFailure.class, () -> Flags.maxFrame(bad));
            assertEquals(2, failure.status());
            assertEquals(
                    "--max-frame must be between 1 and " + Protocol.MAX_FRAME_LIMIT + " bytes, not " + bad + ".",
                    failure.getMessage());
        }
    }

    @Test
    void threadsGivenOrByDefaultAtLeastOne() {
        assertEquals(4, Flags.threads(null, 4));
        assertEquals(1, Flags.threads(1, 4));
        assertEquals(
                "--threads must be at least 1, not 0.",
                assertThrows(CommandFailure.class, () -> Flags.threads(0, 4)).getMessage());
        assertEquals(
                2,
                assertThrows(CommandFailure.class, () -> Flags.threads(null, 0)).status());
    }
}
