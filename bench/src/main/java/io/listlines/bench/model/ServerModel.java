package io.listlines.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One server design of the project, under the name the bench, its reports and the tests give it
 * ({@code netty-epoll}, {@code pool-2} ...). {@link #all()} is the one list of them: what the
 * bench runs and the end-to-end tests start. How each is started (a process, a jar, a server
 * object) is the starter's business; {@code threadedModel} is threaded-server's {@code --model}.
 *
 * @param transport     Netty's transport as netty-server's {@code --transport} names it ({@link #TRANSPORTS});
 *                      null for a threaded model
 * @param threadedModel {@code thread-per-client}, {@code pool} or {@code virtual}; null for Netty
 * @param poolThreads   the pool's threads; 0 for every other model
 */
public record ServerModel(
        String name, Kind kind, String transport, String threadedModel, int poolThreads, String description) {

    /** Event loops, or the article's designs on threads. */
    public enum Kind {
        NETTY,
        THREADED;

        /** {@code netty} or {@code threaded}, as results.json names it. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Netty's transports as netty-server's {@code --transport} names them, best first (what its {@code auto}
     * prefers): runtime's {@code Transport} says the same, which a test in end-to-end holds it to; the bench
     * itself loads no Netty, and learns which this machine has from the server's jar ({@code Transports}).
     */
    public static final List<String> TRANSPORTS = List.of("io_uring", "epoll", "nio");

    /** The article's pool: 2 threads, as threaded-server's own default. */
    public static final int ARTICLE_POOL_THREADS = 2;

    /** Every model the bench compares, in report order: the pool with the article's 2 threads and with 200. */
    public static List<ServerModel> all() {
        return all(List.of(ARTICLE_POOL_THREADS, 200));
    }

    /**
     * Every model, in report order: Netty on each transport (best first, whether or not this machine
     * has it), then the article's designs, the pool once for each of {@code poolSizes}.
     */
    public static List<ServerModel> all(List<Integer> poolSizes) {
        List<ServerModel> models = new ArrayList<>();
        for (String transport : TRANSPORTS) {
            models.add(new ServerModel(
                    nettyName(transport),
                    Kind.NETTY,
                    transport,
                    null,
                    0,
                    "Netty event loops on " + transport + " (one event-loop thread per core)"));
        }
        models.add(new ServerModel(
                "thread-per-client",
                Kind.THREADED,
                null,
                "thread-per-client",
                0,
                "a new platform thread per client (the article's first server)"));
        for (int threads : poolSizes) {
            models.add(new ServerModel(
                    "pool-" + threads,
                    Kind.THREADED,
                    null,
                    "pool",
                    threads,
                    threads + " threads taking " + "clients from a queue"
                            + (threads == ARTICLE_POOL_THREADS ? " (the article's second server)" : "")));
        }
        models.add(new ServerModel("virtual", Kind.THREADED, null, "virtual", 0, "a virtual thread per client"));
        return List.copyOf(models);
    }

    /** Looks a model of {@link #all()} up by name (case-insensitive; {@code netty-iouring} and {@code netty-io-uring} too); null if none. */
    public static ServerModel named(String name) {
        String wanted = name.trim()
                .toLowerCase(Locale.ROOT)
                .replace("io-uring", "io_uring")
                .replace("iouring", "io_uring");
        for (ServerModel m : all()) {
            if (m.name().equals(wanted)) {
                return m;
            }
        }
        return null;
    }

    /** The Netty model's name on {@code transport}: {@code netty-epoll} ... */
    public static String nettyName(String transport) {
        return "netty-" + transport;
    }

    public boolean isNetty() {
        return kind == Kind.NETTY;
    }
}
