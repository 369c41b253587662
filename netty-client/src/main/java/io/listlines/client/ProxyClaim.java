package io.listlines.client;

import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Flags;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The PROXY protocol header a client sends first ({@code --proxy-protocol}, {@code --proxy-source}).
 *
 * @param source the address to claim, or null for the connection's real local address
 * @param port   the port to claim; 0 for the connection's real local port
 */
public record ProxyClaim(HAProxyProtocolVersion version, InetAddress source, int port) {
    /** The flags' claim, or null without {@code --proxy-protocol}. */
    static ProxyClaim parse(String version, String source) {
        if (version == null) {
            Flags.require(source == null, "--proxy-source only makes sense with --proxy-protocol.");
            return null;
        }
        HAProxyProtocolVersion parsed = switch (version.toLowerCase(Locale.ROOT)) {
            case "v1", "1" -> HAProxyProtocolVersion.V1;
            case "v2", "2" -> HAProxyProtocolVersion.V2;
            default -> throw CommandFailure.usage("--proxy-protocol must be v1 or v2, not " + version + ".");
        };
        if (source == null) {
            return new ProxyClaim(parsed, null, 0);
        }
        String host = source;
        int port = 0;
        int colon = source.lastIndexOf(':');
        if (source.startsWith("[")) {
            int close = source.indexOf(']');
            Flags.require(close > 0, "--proxy-source " + source + ": an IPv6 address goes in brackets, [::1]:5000.");
            host = source.substring(1, close);
            if (close + 1 < source.length()) {
                Flags.require(source.charAt(close + 1) == ':', "--proxy-source " + source + " is not ADDRESS[:PORT].");
                port = port(source, source.substring(close + 2));
            }
        } else if (colon >= 0 && source.indexOf(':') == colon) {
            host = source.substring(0, colon);
            port = port(source, source.substring(colon + 1));
        }
        Flags.require(
                host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)),
                "--proxy-source takes a numeric address, not " + source + ".");
        try {
            return new ProxyClaim(parsed, InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw CommandFailure.usage("--proxy-source takes a numeric address, not " + source + ".");
        }
    }

    private static int port(String source, String text) {
        try {
            int port = Integer.parseInt(text);
            Flags.require(port >= 0 && port <= 65_535, "--proxy-source " + source + ": the port must be 0 to 65535.");
            return port;
        } catch (NumberFormatException e) {
            throw CommandFailure.usage("--proxy-source " + source + ": the port must be a number.");
        }
    }
}
