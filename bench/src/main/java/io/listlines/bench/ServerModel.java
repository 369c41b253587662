package io.listlines.bench;

import io.listlines.runtime.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One server design the bench runs, in its own process, and how to start it. */
record ServerModel(String name, String kind, String transport, String model, int threads, String description) {

    static final String NETTY = "netty";
    static final String THREADED = "threaded";

    /** Every model, in report order: Netty on each transport (best first), then the article's designs. */
    static List<ServerModel> all() {
        return List.of(
                netty("io_uring"), netty("epoll"), netty("nio"),
                new ServerModel("thread-per-client", THREADED, null, "thread-per-client", 0,
                        "a new platform thread per client (the article's first server)"),
                new ServerModel("pool-2", THREADED, null, "pool", 2,
                        "2 threads taking clients from a queue (the article's second server)"),
                new ServerModel("pool-200", THREADED, null, "pool", 200,
                        "200 threads taking clients from a queue"),
                new ServerModel("virtual", THREADED, null, "virtual", 0, "a virtual thread per client"));
    }

    private static ServerModel netty(String transport) {
        return new ServerModel("netty-" + transport, NETTY, transport, null, 0,
                "Netty event loops on " + transport + " (one event-loop thread per core)");
    }

    boolean isNetty() {
        return NETTY.equals(kind);
    }

    /**
     * The Netty server's heap cap: its live set is about 2 KB per connection, some 45 MB at this
     * machine's ceiling of about 20,000 connections per process, and a cap of twice that keeps its
     * heap, and so its RSS, near what the connections need. Uncapped, the garbage of ended sessions
     * piles up in the old generation until a collection the heap's size puts off (RSS per held
     * connection rose from about 4 KB to 11 KB over a minute's hold here). The threaded models keep
     * the JVM's default cap: their own buffers (16 KB a connection) and virtual-thread stacks are
     * heap, and a cap fitted to Netty would fail them for a reason that is not their design.
     */
    static final String NETTY_MAX_HEAP = "-Xmx96m";

    /** JVM options of this model's own, put before the run's common ones (so those win). */
    List<String> jvmOptions() {
        return isNetty() ? List.of(NETTY_MAX_HEAP) : List.of();
    }

    /** Null if this machine can run the model, else why not. */
    String unavailableReason() {
        if (!isNetty()) {
            return null;
        }
        for (Transport t : Transport.values()) {
            if (t.toString().equals(transport)) {
                if (t.isAvailable()) {
                    return null;
                }
                Throwable cause = t.unavailabilityCause();
                return "transport " + transport + " is not available on this machine"
                        + (cause != null ? " (" + cause.getMessage() + ")" : "");
            }
        }
        return "unknown transport " + transport;
    }

    /** The server's command line after {@code java -jar JAR}. */
    List<String> arguments(int idleTimeoutSeconds) {
        List<String> args = new ArrayList<>();
        if (!isNetty()) {
            args.addAll(List.of("--model", model));
        }
        args.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--quiet", "--grace", "2",
                "--idle-timeout", Integer.toString(idleTimeoutSeconds)));
        if (isNetty()) {
            args.addAll(List.of("--transport", transport));
        }
        if (threads > 0) {
            args.addAll(List.of("--threads", Integer.toString(threads)));
        }
        return args;
    }

    Path jar(Path root) {
        return isNetty() ? root.resolve("netty-server/target/netty-server.jar")
                : root.resolve("threaded-server/target/threaded-server.jar");
    }

    /** Looks a model up by name (case-insensitive; {@code netty-iouring} and {@code netty-io-uring} too). */
    static ServerModel named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace("io-uring", "io_uring").replace("iouring", "io_uring");
        for (ServerModel m : all()) {
            if (m.name().equals(wanted)) {
                return m;
            }
        }
        return null;
    }
}
