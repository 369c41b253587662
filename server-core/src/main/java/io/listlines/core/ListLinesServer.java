package io.listlines.core;

import io.listlines.runtime.CommandFailure;
import java.net.InetSocketAddress;

/** A list-lines server of any model, as its command and the tests drive it. */
public interface ListLinesServer {
    /**
     * Binds and starts accepting.
     *
     * @return the bound address (with the actual port when 0 was asked)
     * @throws CommandFailure if the address cannot be bound
     */
    InetSocketAddress start();

    /** The server's counters. */
    ServerStats stats();

    /** The port serving the counters over HTTP, or -1 without {@code --metrics-port} (or before start). */
    int metricsPort();

    /**
     * Reports not ready on {@code /ready} (503) from now on, while still accepting: what a stopping
     * server does first, so that a load balancer stops sending it clients.
     */
    void drain();

    /** Stops accepting, gives sessions in flight the grace period, closes any left, frees threads. */
    void stop() throws InterruptedException;
}
