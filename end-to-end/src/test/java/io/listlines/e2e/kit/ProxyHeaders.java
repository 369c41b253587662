package io.listlines.e2e.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers byte for byte, as a balancer sends them before the client's bytes. */
public final class ProxyHeaders {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {}

    /** A v1 header: {@code PROXY rest\r\n}, rest such as {@code TCP4 10.0.0.1 127.0.0.1 4001 2727}. */
    public static byte[] v1(String rest) {
        return ("PROXY " + rest + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 header: version and command byte (0x21 PROXY, 0x20 LOCAL), family and transport byte, the address block. */
    public static byte[] v2(int versionCommand, int family, byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(versionCommand);
        out.write(family);
        out.write(block.length >> 8);
        out.write(block.length & 0xff);
        out.writeBytes(block);
        return out.toByteArray();
    }

    /** A v2 address block: source and destination addresses (both IPv4 or both IPv6), then their ports. */
    public static byte[] addresses(String source, String destination, int sourcePort, int destinationPort) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(InetAddress.getByName(source).getAddress());
            out.writeBytes(InetAddress.getByName(destination).getAddress());
            out.write(sourcePort >> 8);
            out.write(sourcePort & 0xff);
            out.write(destinationPort >> 8);
            out.write(destinationPort & 0xff);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
