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
 * @param proxy          the PROXY protocol header to begin each connection with, or null for none
 */
public record ClientConfig(
        String host,
        int port,
        int maxFrame,
        int timeoutSeconds,
        Transport transport,
        List<Long> expectList,
        int thinkMillis,
        Framing framing,
        ProxyClaim proxy) {

    /** Without a PROXY header. */
    public ClientConfig(
            String host,
            int port,
            int maxFrame,
            int timeoutSeconds,
            Transport transport,
            List<Long> expectList,
            int thinkMillis,
            Framing framing) {
        this(host, port, maxFrame, timeoutSeconds, transport, expectList, thinkMillis, framing, null);
    }

    public String target() {
        return HostPort.format(host, port);
    }
}
