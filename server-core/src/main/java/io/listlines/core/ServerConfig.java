package io.listlines.core;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListPayload;

/**
 * What every server model is configured with, whatever its concurrency model: made from the command
 * line by {@link ServerOptions} (tests name what they change through their test jar's builder).
 */
public record ServerConfig(
        String host,
        int port,
        ListPayload list,
        int maxFrame,
        int idleTimeoutSeconds,
        int graceSeconds,
        int backlog,
        boolean quiet,
        Framing framing,
        int maxConnections,
        int maxConnectionsPerAddress,
        int statsIntervalSeconds,
        Integer metricsPort,
        boolean reusePort,
        int drainDelaySeconds,
        ProxySettings proxy) {

    /** Whether connections begin with a PROXY protocol header ({@code --proxy-protocol}). */
    public boolean proxyProtocol() {
        return proxy != null;
    }
}
