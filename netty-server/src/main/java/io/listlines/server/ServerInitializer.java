package io.listlines.server;

import io.listlines.protocol.ListFrame;
import io.listlines.core.SessionLog;
import io.listlines.core.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each connection's pipeline: idle detection, the framing's decoders, the session. */
final class ServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final SessionLog log;
    private final ChannelGroup sessions;
    private final ListFrame list;

    ServerInitializer(ServerConfig config, SessionLog log, ChannelGroup sessions) {
        this.config = config;
        this.log = log;
        this.sessions = sessions;
        this.list = ListFrame.of(config.list(), config.framing());
    }

    @Override
    protected void initChannel(Channel ch) {
        sessions.add(ch); // leaves the group by itself when it closes
        ChannelPipeline p = ch.pipeline();
        if (config.idleTimeoutSeconds() > 0) {
            // Idle means no progress either way: a client reading a big list slowly is not idle,
            // one that neither reads it nor sends is (observeOutput counts the list's progress).
            p.addLast("idle", new IdleStateHandler(true, 0, 0, config.idleTimeoutSeconds(), TimeUnit.SECONDS));
        }
        config.framing().addServerCodecs(p, config.maxFrame());
        p.addLast("session", new SessionHandler(log, list));
    }
}
