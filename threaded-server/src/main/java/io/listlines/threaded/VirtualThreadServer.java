package io.listlines.threaded;

import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import java.net.Socket;

/** Thread per client again, but virtual threads: blocking code, carried by a few platform threads. */
final class VirtualThreadServer extends BlockingServer {
    private final Thread.Builder builder = Thread.ofVirtual().name("virtual-", 1);

    VirtualThreadServer(ServerConfig config) {
        super(config, ModelLabels.named("virtual"));
    }

    @Override
    void dispatch(Socket socket) {
        builder.start(() -> serve(socket));
    }
}
