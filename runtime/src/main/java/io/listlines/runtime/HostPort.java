package io.listlines.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An address as every log line, message and report of the project writes it: {@code 127.0.0.1:2727}, {@code [::1]:2727}. */
public final class HostPort {
    private HostPort() {}

    /** {@code host:port}, with an IPv6 literal in brackets. */
    public static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** A socket address by its numeric host, or as the JDK prints it when it has none (unresolved, or not an inet address). */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return format(inet.getAddress().getHostAddress(), inet.getPort());
        }
        return String.valueOf(address);
    }
}
