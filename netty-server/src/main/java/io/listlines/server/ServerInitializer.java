package io.listlines.server;

import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.FramePrepender;
import io.listlines.protocol.LineDecoder;
import io.listlines.protocol.ListEncoder;
import io.listlines.protocol.SessionLog;
import io.listlines.runtime.ServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each connection's pipeline: idle detection, framing, list and line codecs, the session. */
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
        p.addLast("frameDecoder", new FrameDecoder(config.maxFrame()));
        p.addLast("framePrepender", FramePrepender.INSTANCE);
        p.addLast("listEncoder", ListEncoder.INSTANCE);
        p.addLast("lineDecoder", LineDecoder.INSTANCE);
        p.addLast("session", new SessionHandler(log, config.list()));
    }
}
