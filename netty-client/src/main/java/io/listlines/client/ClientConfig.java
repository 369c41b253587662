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
 * @param tls            the TLS to speak ({@code --tls}), or null for plaintext
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
        ProxyClaim proxy,
        ClientTls tls) {

    /** The same, speaking {@code tls} (null: plaintext). */
    public ClientConfig withTls(ClientTls tls) {
        return new ClientConfig(
                host, port, maxFrame, timeoutSeconds, transport, expectList, thinkMillis, framing, proxy, tls);
    }

    public String target() {
        return HostPort.format(host, port);
    }
}
