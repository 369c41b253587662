package io.listlines.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Builds a client connection's pipeline: idle detection, framing, list and line codecs, the session. */
final class ClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final long start;
    private final Consumer<SessionResult> onEnd;

    ClientInitializer(ClientConfig config, long start, Consumer<SessionResult> onEnd) {
        this.config = config;
        this.start = start;
        this.onEnd = onEnd;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(config.timeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        config.framing().addClientCodecs(p, config.maxFrame());
        p.addLast("session", new ClientSessionHandler(config, start, onEnd));
    }
}
