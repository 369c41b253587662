package io.listlines.e2e.kit;

import io.listlines.client.ClientConfig;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.Transport;
import java.util.List;

/** The Netty client as the end-to-end tests point it at a server on loopback. */
final class LoopbackClient {
    private LoopbackClient() {}

    /** To 127.0.0.1:{@code port}, expecting {@code expectList} (null: any list): the default timeout and frame limit, the best transport, no think time. */
    static ClientConfig config(int port, List<Long> expectList, Framing framing) {
        return new ClientConfig(
                "127.0.0.1", port, Protocol.DEFAULT_MAX_FRAME, 10, Transport.best(), expectList, 0, framing);
    }
}
