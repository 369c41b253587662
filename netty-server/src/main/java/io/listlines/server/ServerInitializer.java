package io.listlines.server;

import io.listlines.protocol.SessionLog;
import io.listlines.runtime.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each connection's pipeline: idle detection, the framing's codecs, the session. */
final class ServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final SessionLog log;
    private final ChannelGroup sessions;

    ServerInitializer(ServerConfig config, SessionLog log, ChannelGroup sessions) {
        this.config = config;
        this.log = log;
        this.sessions = sessions;
    }

    @Override
    protected void initChannel(Channel ch) {
        sessions.add(ch); // leaves the group by itself when it closes
        ChannelPipeline p = ch.pipeline();
        if (config.idleTimeoutSeconds() > 0) {
            p.addLast("idle", new IdleStateHandler(config.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        }
        config.framing().addServerCodecs(p, config.maxFrame());
        p.addLast("session", new SessionHandler(log, config.list()));
    }
}
