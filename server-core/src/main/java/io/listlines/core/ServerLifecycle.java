package io.listlines.core;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's life as every model's command runs it: start, serve until SIGINT/SIGTERM, then stop in
 * order. With {@code --drain-delay} the signal first turns {@code /ready} to 503 while the server
 * keeps accepting, so that a load balancer polling it stops sending new clients before the listener
 * closes; a second signal cuts the delay short. Then {@link ListLinesServer#stop()} gives sessions in
 * flight the grace period.
 */
public final class ServerLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycle.class);

    private ServerLifecycle() {}

    /** Runs {@code server} as configured until a signal has stopped it; returns the exit status, 0. */
    public static int run(ListLinesServer server, ServerConfig config) throws InterruptedException {
        ShutdownSignal signal = ShutdownSignal.install();
        server.start();
        String why = signal.await();
        server.drain();
        int delay = config.drainDelaySeconds();
        if (delay > 0) {
            LOG.info("Received {}: not ready, still accepting for {} s (--drain-delay)", why, delay);
            if (signal.awaitAnother(Duration.ofSeconds(delay))) {
                LOG.info("Received a second signal: stopping now");
            } else {
                LOG.info("Drain delay over: stopping");
            }
        } else {
            LOG.info("Received {}: stopping", why);
        }
        server.stop();
        return 0;
    }
}
