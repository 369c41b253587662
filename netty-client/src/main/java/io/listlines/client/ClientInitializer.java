package io.listlines.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds a client connection's pipeline: idle detection, framing, list and line codecs, the session. */
final class ClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    private final String target;
    private final long start;
    private final SessionListener listener;

    ClientInitializer(ClientConfig config, String target, long start, SessionListener listener) {
        this.config = config;
        this.target = target;
        this.start = start;
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // All-idle, not reader-idle: the clock restarts on every line we write, so waiting for the
        // close counts from the last line, not from the list (with think 1000 and the default
        // timeout of 10 s, reader-idle fired just as the tenth line left, about once in 40,000).
        p.addLast("idle", new IdleStateHandler(0, 0, config.timeoutSeconds(), TimeUnit.SECONDS));
        config.framing().addClientCodecs(p, config.maxFrame());
        p.addLast("session", new ClientSessionHandler(config, target, start, listener));
    }
}
