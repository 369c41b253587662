package io.listlines.server;

import io.listlines.core.Admission;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerStats;
import io.listlines.core.SessionLogger;
import io.listlines.core.Sessions;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** A server's pipeline as {@link NettyServer} wires it, for tests on an EmbeddedChannel: fresh counters, a channel group. */
record ServerParts(ServerStats stats, ChannelGroup channels, ServerInitializer initializer) {
    static ServerParts of(ServerConfig config) {
        ServerStats stats = new ServerStats();
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Sessions sessions = new Sessions(config.idleTimeoutSeconds(), new SessionLogger(config.quiet()), stats);
        return new ServerParts(stats, channels, new ServerInitializer(config, new Admission(stats, config.maxConnections()), sessions, channels));
    }
}
