package io.listlines.e2e.kit;

import io.listlines.client.ClientConfig;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.Transport;
import java.util.List;

/** The Netty client as the end-to-end tests point it at a server on loopback. */
public final class LoopbackClient {
    private LoopbackClient() {}

    /** To 127.0.0.1:{@code port}, expecting {@code expectList} (null: any list): the default timeout and frame limit, the best transport, no think time. */
    public static ClientConfig config(int port, List<Long> expectList, Framing framing) {
        return config(port, 10, Transport.best(), expectList, 0, framing);
    }

    /** To 127.0.0.1:{@code port}, plaintext, no PROXY header, the default frame limit; the rest as named. */
    public static ClientConfig config(
            int port,
            int timeoutSeconds,
            Transport transport,
            List<Long> expectList,
            int thinkMillis,
            Framing framing) {
        return new ClientConfig(
                "127.0.0.1",
                port,
                Protocol.DEFAULT_MAX_FRAME,
                timeoutSeconds,
                transport,
                expectList,
                thinkMillis,
                framing,
                null,
                null);
    }
}
