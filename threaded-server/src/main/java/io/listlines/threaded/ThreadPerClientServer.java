package io.listlines.threaded;

import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** The article's first server: a new platform thread for every client. */
final class ThreadPerClientServer extends BlockingServer {
    private final AtomicLong started = new AtomicLong();

    ThreadPerClientServer(ServerConfig config) {
        super(config, ModelLabels.named("thread-per-client"));
    }

    @Override
    void dispatch(Socket socket) {
        Thread.ofPlatform()
                .name("client-" + started.incrementAndGet())
                .daemon(true)
                .start(() -> serve(socket));
    }
}
