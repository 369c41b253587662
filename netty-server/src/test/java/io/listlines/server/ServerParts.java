package io.listlines.server;

import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerCore;
import io.listlines.core.ServerStats;
import io.listlines.runtime.Transport;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/** A server's pipeline as {@link NettyServer} wires it, for tests on an EmbeddedChannel: fresh counters, a channel group. */
record ServerParts(ServerStats stats, ChannelGroup channels, ServerInitializer initializer) {
    static ServerParts of(ServerConfig config) {
        ServerCore core = new ServerCore(config, ModelLabels.netty(Transport.NIO, 1));
        ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        return new ServerParts(
                core.stats(),
                channels,
                new ServerInitializer(
                        config,
                        core,
                        channels,
                        config.tlsEnabled() ? config.tls().nettyContext() : null));
    }
}
