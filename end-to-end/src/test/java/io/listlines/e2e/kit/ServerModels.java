package io.listlines.e2e.kit;

import io.listlines.bench.model.ServerModel;
import io.listlines.core.ListLinesServer;
import io.listlines.core.ServerConfig;
import io.listlines.protocol.Framing;
import io.listlines.runtime.Transport;
import io.listlines.server.NettyServer;
import io.listlines.server.NettyServerCommand;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.TestTier;
import io.listlines.threaded.Model;
import io.listlines.threaded.ThreadedServerCommand;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every server model the project has, as the end-to-end tests start them: in the test's JVM ({@link Factory}) or as a
 * program ({@link Command}); and which of them a test of every model runs in this test tier ({@link #inTier}).
 */
public final class ServerModels {
    private ServerModels() {}

    /** A model under the name the bench and the tests give it: {@code netty-epoll}, {@code pool-2}, {@code virtual} ... */
    public interface Named {
        String name();
    }

    /** A named way to make a server from a config. */
    public record Factory(String name, Function<ServerConfig, ListLinesServer> make) implements Named {
        /** A server of this model, made with {@code config} and started. */
        public Started start(ServerConfig config) {
            ListLinesServer server = make.apply(config);
            return new Started(server, server.start());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A started server and the address it listens on; closing it stops the server, as a test's end should. */
    public record Started(ListLinesServer server, InetSocketAddress address) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            server.stop();
        }
    }

    /** Netty on each transport this machine supports, then the blocking models, the pool with threaded-server's default threads. */
    public static List<Factory> all() {
        return withPoolThreads(ThreadedServerCommand.DEFAULT_POOL_THREADS);
    }

    /** As {@link #all()}, the pool with {@code poolThreads}: the project's list of models ({@link ServerModel}), those this machine runs. */
    public static List<Factory> withPoolThreads(int poolThreads) {
        return ServerModel.all(List.of(poolThreads)).stream()
                .filter(m -> !m.isNetty() || transport(m) != null)
                .map(ServerModels::factory)
                .toList();
    }

    /** Netty with 2 event-loop threads; a threaded model as threaded-server's {@code --model} names it. */
    private static Factory factory(ServerModel model) {
        if (model.isNetty()) {
            return new Factory(model.name(), config -> new NettyServer(config, transport(model), 2));
        }
        Model threaded = Model.parse(model.threadedModel());
        if (threaded == null) {
            throw new IllegalStateException(
                    "threaded-server has no --model " + model.threadedModel() + " for " + model.name());
        }
        return new Factory(model.name(), config -> threaded.create(config, model.poolThreads()));
    }

    /** The transport a Netty model runs on, if this machine has it; null if not. */
    private static Transport transport(ServerModel model) {
        return Transport.available().stream()
                .filter(t -> t.toString().equals(model.transport()))
                .findFirst()
                .orElse(null);
    }

    /** A model as a program: its name, and the main class with its flags, for {@link ServerProcess}. */
    public record Command(String name, List<String> args) implements Named {
        @Override
        public String toString() {
            return name;
        }
    }

    /** netty-server (with its own choice of transport), then threaded-server's models, each by its --model flag. */
    public static List<Command> commands() {
        List<Command> commands = new ArrayList<>();
        commands.add(new Command("netty", List.of(NettyServerCommand.class.getName())));
        commands.addAll(threadedCommands(ThreadedServerCommand.DEFAULT_POOL_THREADS));
        return commands;
    }

    /** netty-server on each transport this machine has, then threaded-server's models, the pool with {@code poolThreads}. */
    public static List<Command> commandsOnEveryTransport(int poolThreads) {
        List<Command> commands = new ArrayList<>();
        for (Transport transport : Transport.available()) {
            commands.add(new Command(
                    "netty-" + transport,
                    List.of(NettyServerCommand.class.getName(), "--transport", transport.toString())));
        }
        commands.addAll(threadedCommands(poolThreads));
        return commands;
    }

    /** threaded-server's models by their --model flag, named as the bench names them ({@code pool-2}). */
    private static List<Command> threadedCommands(int poolThreads) {
        List<Command> commands = new ArrayList<>();
        for (Model model : Model.values()) {
            List<String> args =
                    new ArrayList<>(List.of(ThreadedServerCommand.class.getName(), "--model", model.toString()));
            String name = model.toString();
            if (model == Model.POOL) {
                args.addAll(List.of("--threads", String.valueOf(poolThreads)));
                name += "-" + poolThreads;
            }
            commands.add(new Command(name, List.copyOf(args)));
        }
        return commands;
    }

    /**
     * The models of {@code models} that a test of every model runs in this tier: all of them under -Pfull
     * ({@link TestTier#fullMatrix()}); in the fast tier, one of each family, Netty on the best transport (the first
     * Netty model) and the threaded model whose name starts with {@code threaded} ({@code thread-per-client},
     * {@code pool}, {@code virtual}). Each test class names a threaded model of its own, so that together they run
     * each; {@code EveryServerModelIT} runs every model in both tiers.
     */
    public static <T extends Named> List<T> inTier(List<T> models, String threaded) {
        if (TestTier.fullMatrix()) {
            return models;
        }
        List<T> chosen = new ArrayList<>();
        models.stream().filter(m -> m.name().startsWith("netty")).findFirst().ifPresent(chosen::add);
        models.stream().filter(m -> m.name().startsWith(threaded)).findFirst().ifPresentOrElse(chosen::add, () -> {
            throw new IllegalArgumentException("no model named " + threaded + "... in " + models);
        });
        return chosen;
    }

    public static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet) {
        return config(list, idleTimeoutSeconds, quiet, Framing.FRAMED);
    }

    public static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet, Framing framing) {
        return configBuilder()
                .list(list)
                .idleTimeoutSeconds(idleTimeoutSeconds)
                .quiet(quiet)
                .framing(framing)
                .build();
    }

    /** A server as every end-to-end test starts one (2 s grace, a backlog of 1024), to name what else a test sets. */
    public static ServerConfigBuilder configBuilder() {
        return new ServerConfigBuilder().graceSeconds(2).backlog(1024);
    }
}
