package io.listlines.core;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListPayload;

/**
 * What every server model is configured with, whatever its concurrency model: made from the command
 * line by {@link ServerOptions} (tests name what they change through their test jar's builder).
 *
 * @param proxy the {@code --proxy-protocol} settings, or null without
 * @param tls   the TLS settings ({@code --tls-cert} ...), or null for plaintext
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
        ProxySettings proxy,
        ServerTls tls) {

    /** Whether connections begin with a PROXY protocol header ({@code --proxy-protocol}). */
    public boolean proxyProtocol() {
        return proxy != null;
    }

    /** Whether connections speak TLS ({@code --tls-cert}); {@link #tls()} is then its settings. */
    public boolean tlsEnabled() {
        return tls != null;
    }
}
