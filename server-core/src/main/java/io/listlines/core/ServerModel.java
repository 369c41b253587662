package io.listlines.core;

import io.listlines.runtime.Transport;

/**
 * Which concurrency model a server runs, and its size: what the log's start line says and what
 * labels every metric, so a pool of 2 and a pool of 64 are told apart. Each server names itself
 * with one of these rather than leaving it to be parsed out of a log string.
 *
 * @param name      {@code netty}, {@code thread-per-client}, {@code pool} or {@code virtual}
 * @param transport Netty's transport ({@code io_uring}, {@code epoll}, {@code nio}); null for the blocking models
 * @param threads   event-loop threads or the pool's size; 0 where the model has no fixed number
 */
public record ServerModel(String name, String transport, int threads) {

    /** Netty on {@code transport} with {@code threads} event loops. */
    public static ServerModel netty(Transport transport, int threads) {
        return new ServerModel("netty", transport.toString(), threads);
    }

    /** The fixed pool of {@code threads}. */
    public static ServerModel pool(int threads) {
        return new ServerModel("pool", null, threads);
    }

    /** A model with neither a transport nor a fixed number of threads (thread-per-client, virtual). */
    public static ServerModel named(String name) {
        return new ServerModel(name, null, 0);
    }

    /** For the log: {@code pool, 2 threads}, {@code virtual}, {@code netty io_uring, 4 threads}. */
    public String describe() {
        return name + (transport == null ? "" : " " + transport) + (threads > 0 ? ", " + threads + " threads" : "");
    }
}
