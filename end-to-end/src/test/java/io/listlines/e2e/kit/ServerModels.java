package io.listlines.e2e.kit;

import io.listlines.core.ListLinesServer;
import io.listlines.core.ServerConfig;
import io.listlines.protocol.Framing;
import io.listlines.runtime.ServerModel;
import io.listlines.server.NettyServer;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.threaded.Model;
import io.listlines.threaded.ThreadedServerCommand;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/** Every server model the project has, as the end-to-end tests start them. */
final class ServerModels {
    private ServerModels() {}

    /** A named way to make a server from a config. */
    record Factory(String name, Function<ServerConfig, ListLinesServer> make) {
        /** A server of this model, made with {@code config} and started. */
        Started start(ServerConfig config) {
            ListLinesServer server = make.apply(config);
            return new Started(server, server.start());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A started server and the address it listens on; closing it stops the server, as a test's end should. */
    record Started(ListLinesServer server, InetSocketAddress address) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            server.stop();
        }
    }

    /** Netty on each transport this machine supports, then the blocking models, the pool with threaded-server's default threads. */
    static List<Factory> all() {
        return withPoolThreads(ThreadedServerCommand.DEFAULT_POOL_THREADS);
    }

    /** As {@link #all()}, the pool with {@code poolThreads}: the project's list of models ({@link ServerModel}), those this machine runs. */
    static List<Factory> withPoolThreads(int poolThreads) {
        return ServerModel.all(List.of(poolThreads)).stream()
                .filter(ServerModel::isAvailable)
                .map(ServerModels::factory)
                .toList();
    }

    /** Netty with 2 event-loop threads; a threaded model as threaded-server's {@code --model} names it. */
    private static Factory factory(ServerModel model) {
        if (model.isNetty()) {
            return new Factory(model.name(), config -> new NettyServer(config, model.transport(), 2));
        }
        Model threaded = Model.parse(model.threadedModel());
        if (threaded == null) {
            throw new IllegalStateException(
                    "threaded-server has no --model " + model.threadedModel() + " for " + model.name());
        }
        return new Factory(model.name(), config -> threaded.create(config, model.poolThreads()));
    }

    /** threaded-server's models as separate programs, each by its {@code --model} flag. */
    static List<List<String>> threadedCommands() {
        return ServerModel.all(List.of(ThreadedServerCommand.DEFAULT_POOL_THREADS)).stream()
                .filter(m -> !m.isNetty())
                .map(m -> List.of(ThreadedServerCommand.class.getName(), "--model", m.threadedModel()))
                .toList();
    }

    static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet) {
        return config(list, idleTimeoutSeconds, quiet, Framing.FRAMED);
    }

    static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet, Framing framing) {
        return configBuilder()
                .list(list)
                .idleTimeoutSeconds(idleTimeoutSeconds)
                .quiet(quiet)
                .framing(framing)
                .build();
    }

    /** A server as every end-to-end test starts one (2 s grace, a backlog of 1024), to name what else a test sets. */
    static ServerConfigBuilder configBuilder() {
        return new ServerConfigBuilder().graceSeconds(2).backlog(1024);
    }
}
