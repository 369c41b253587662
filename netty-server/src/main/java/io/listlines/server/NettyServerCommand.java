package io.listlines.server;

import io.listlines.core.ServerConfig;
import io.listlines.core.ServerLifecycle;
import io.listlines.core.ServerOptions;
import io.listlines.runtime.CommandLines;
import io.listlines.runtime.Flags;
import io.listlines.runtime.NettyProgramVersion;
import io.listlines.runtime.Transport;
import io.netty.util.NettyRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netty-server}: the command line of {@link NettyServer}. */
@Command(
        name = "netty-server",
        mixinStandardHelpOptions = true,
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Serves the list-lines protocol on Netty event loops: each client receives the pickled list, sends ten lines and is disconnected. A few event-loop threads serve every connection.",
            "On SIGINT/SIGTERM it stops accepting (after --drain-delay seconds of reporting not ready), gives sessions in flight --grace seconds, and exits 0.",
            ""
        })
public final class NettyServerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(
            names = "--transport",
            defaultValue = "auto",
            paramLabel = "auto|io_uring|epoll|nio",
            description = "Netty transport; auto takes the best this machine supports (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Event-loop threads (default: the number of cores, ${sys:listlines.cores}).")
    Integer threads;

    public static void main(String[] args) {
        System.setProperty("listlines.cores", String.valueOf(NettyRuntime.availableProcessors()));
        System.exit(CommandLines.execute(new NettyServerCommand(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = options.toConfig();
        int loops = Flags.threads(threads, NettyRuntime.availableProcessors());
        Transport chosen = Transport.select(transport);
        return ServerLifecycle.run(new NettyServer(config, chosen, loops), config);
    }
}
