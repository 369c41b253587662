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
public record ModelLabels(String name, String transport, int threads) {

    /** Netty on {@code transport} with {@code threads} event loops. */
    public static ModelLabels netty(Transport transport, int threads) {
        return new ModelLabels("netty", transport.toString(), threads);
    }

    /** The fixed pool of {@code threads}. */
    public static ModelLabels pool(int threads) {
        return new ModelLabels("pool", null, threads);
    }

    /** A model with neither a transport nor a fixed number of threads (thread-per-client, virtual). */
    public static ModelLabels named(String name) {
        return new ModelLabels(name, null, 0);
    }

    /** For the log: {@code pool, 2 threads}, {@code virtual}, {@code netty io_uring, 4 threads}. */
    public String describe() {
        return name + (transport == null ? "" : " " + transport) + (threads > 0 ? ", " + threads + " threads" : "");
    }
}
