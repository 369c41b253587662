package io.listlines.client;

import io.listlines.protocol.Framing;
import io.listlines.runtime.HostPort;
import io.listlines.runtime.Transport;
import java.util.List;

/**
 * What a client session needs.
 *
 * @param expectList     the list the server must send, or null to accept any list of integers
 * @param timeoutSeconds longest wait for the connection or for any byte from the server
 * @param thinkMillis    pause before each line (0: all ten lines at once)
 */
public record ClientConfig(
        String host,
        int port,
        int maxFrame,
        int timeoutSeconds,
        Transport transport,
        List<Long> expectList,
        int thinkMillis,
        Framing framing) {

    public String target() {
        return HostPort.format(host, port);
    }
}
