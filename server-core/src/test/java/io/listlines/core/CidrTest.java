package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.runtime.CommandFailure;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void blocksOfBothFamilies() throws Exception {
        Cidr tens = Cidr.parse("--proxy-trusted", "10.1.2.3/8");
        assertEquals("10.0.0.0/8", tens.toString());
        assertTrue(tens.contains(ip("10.255.0.1")));
        assertFalse(tens.contains(ip("11.0.0.1")));
        Cidr one = Cidr.parse("--proxy-trusted", "127.0.0.1");
        assertTrue(one.contains(ip("127.0.0.1")));
        assertFalse(one.contains(ip("127.0.0.2")));
        Cidr six = Cidr.parse("--proxy-trusted", "2001:db8::/32");
        assertTrue(six.contains(ip("2001:db8:ffff::1")));
        assertFalse(six.contains(ip("2001:db9::1")));
        assertFalse(six.contains(ip("10.0.0.1")));
        assertTrue(Cidr.parse("--proxy-trusted", "0.0.0.0/0").contains(ip("203.0.113.5")));
    }

    @Test
    void badBlocksAreOneSentence() {
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "", "1.2.3.4.5"}) {
            CommandFailure failure = assertThrows(CommandFailure.class, () -> Cidr.parse("--proxy-trusted", bad));
            assertTrue(failure.getMessage().startsWith("--proxy-trusted"), failure.getMessage());
            assertEquals(CommandFailure.USAGE, failure.status());
        }
    }
}
