package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
