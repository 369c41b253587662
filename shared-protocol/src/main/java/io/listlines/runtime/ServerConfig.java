package io.listlines.runtime;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListPayload;
import io.listlines.protocol.SessionLog;

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
        Framing framing) {

    public SessionLog sessionLog() {
        return new SessionLog(quiet, idleTimeoutSeconds);
    }
}
