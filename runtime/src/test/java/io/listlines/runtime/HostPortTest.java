package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void formatsAddressesWithIpv6InBrackets() throws IOException {
        assertEquals(
                "127.0.0.1:53422", HostPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53422)));
        assertEquals(
                "[0:0:0:0:0:0:0:1]:53422", HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 53422)));
        assertEquals(
                InetSocketAddress.createUnresolved("example.invalid", 80).toString(),
                HostPort.format(InetSocketAddress.createUnresolved("example.invalid", 80)));
        assertEquals("null", HostPort.format(null));
    }

    @Test
    void formatsHostAndPort() {
        assertEquals("localhost:2727", HostPort.format("localhost", 2727));
        assertEquals("[::1]:2727", HostPort.format("::1", 2727));
    }
}
