package io.listlines.threaded;

import io.listlines.core.ServerConfig;
import io.listlines.core.ServerLifecycle;
import io.listlines.core.ServerOptions;
import io.listlines.core.ServerTls;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.CommandLines;
import io.listlines.runtime.Flags;
import io.listlines.runtime.NettyProgramVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code threaded-server}: the article's blocking designs, with the Netty server's flags. */
@Command(
        name = "threaded-server",
        mixinStandardHelpOptions = true,
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Serves the list-lines protocol with blocking sockets and threads, as the article's servers do:",
            "  thread-per-client  a new platform thread per client (the article's first)",
            "  pool               --threads threads take clients from a queue (its second)",
            "  virtual            a virtual thread per client",
            "Same protocol, flags, log lines and error handling as netty-server, for a fair comparison. On SIGINT/SIGTERM it stops accepting (after --drain-delay seconds of reporting not ready), gives sessions in flight --grace seconds, and exits 0.",
            ""
        })
public final class ThreadedServerCommand implements Callable<Integer> {
    public static final int DEFAULT_POOL_THREADS = 2;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "thread-per-client|pool|virtual",
            description = "Which blocking design serves the clients.")
    String model;

    @Mixin
    ServerOptions options;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads of the pool model (default: " + DEFAULT_POOL_THREADS + ", as in the article).")
    Integer threads;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new ThreadedServerCommand(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = options.toConfig();
        BlockingServer server = create(config);
        return ServerLifecycle.run(server, config);
    }

    BlockingServer create(ServerConfig config) {
        Model chosen = Model.parse(model);
        if (chosen == null) {
            throw CommandFailure.usage("Unknown --model '" + model + "'; choose thread-per-client, pool or virtual.");
        }
        if (threads != null && chosen != Model.POOL) {
            throw CommandFailure.usage(
                    "--threads applies only to --model pool; " + chosen + " makes a thread per client.");
        }
        if (config.tlsEnabled() && config.tls().provider() == ServerTls.Provider.OPENSSL) {
            throw CommandFailure.usage("--tls-provider openssl is for netty-server; the threaded models' sockets use "
                    + "the JDK's TLS (auto or jdk).");
        }
        return chosen.create(config, Flags.threads(threads, DEFAULT_POOL_THREADS));
    }
}
