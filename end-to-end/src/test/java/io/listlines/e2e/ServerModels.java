package io.listlines.e2e;

import io.listlines.protocol.Framing;
import io.listlines.protocol.ListPayload;
import io.listlines.protocol.Protocol;
import io.listlines.core.ListLinesServer;
import io.listlines.core.ServerConfig;
import io.listlines.runtime.Transport;
import io.listlines.server.NettyServer;
import io.listlines.threaded.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Every server model the project has, as the end-to-end tests start them. */
final class ServerModels {
    private ServerModels() {
    }

    /** A named way to make a server from a config. */
    record Factory(String name, Function<ServerConfig, ListLinesServer> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Netty on each transport this machine supports, then the blocking models. */
    static List<Factory> all() {
        return withPoolThreads(io.listlines.threaded.ThreadedServerCommand.DEFAULT_POOL_THREADS);
    }

    static List<Factory> withPoolThreads(int poolThreads) {
        List<Factory> factories = new ArrayList<>();
        for (Transport transport : Transport.available()) {
            factories.add(new Factory("netty-" + transport, config -> new NettyServer(config, transport, 2)));
        }
        for (Model model : Model.values()) {
            String name = model == Model.POOL ? "pool-" + poolThreads : model.toString();
            factories.add(new Factory(name, config -> model.create(config, poolThreads)));
        }
        return factories;
    }

    static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet) {
        return config(list, idleTimeoutSeconds, quiet, Framing.FRAMED);
    }

    static ServerConfig config(List<Long> list, int idleTimeoutSeconds, boolean quiet, Framing framing) {
        return new ServerConfig("127.0.0.1", 0, ListPayload.of(list), Protocol.DEFAULT_MAX_FRAME, idleTimeoutSeconds, 2, 1024, quiet, framing);
    }
}
