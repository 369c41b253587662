package io.listlines.core;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListPayload;

/** What every server model is configured with, whatever its concurrency model. */
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
        boolean reusePort) {

    /** The defaults of the hardening flags: no connection limits, stats every 60 s, no metrics port, no port sharing. */
    public ServerConfig(
            String host,
            int port,
            ListPayload list,
            int maxFrame,
            int idleTimeoutSeconds,
            int graceSeconds,
            int backlog,
            boolean quiet,
            Framing framing) {
        this(
                host,
                port,
                list,
                maxFrame,
                idleTimeoutSeconds,
                graceSeconds,
                backlog,
                quiet,
                framing,
                0,
                0,
                60,
                null,
                false);
    }
}
