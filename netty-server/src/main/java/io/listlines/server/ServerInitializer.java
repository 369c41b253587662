package io.listlines.server;

import io.listlines.core.Admission;
import io.listlines.core.ServerConfig;
import io.listlines.core.Sessions;
import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.Framing;
import io.listlines.protocol.LineDecoder;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.RawLineDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds each accepted connection's pipeline, or refuses the connection before building anything.
 * Inbound, one connection's bytes go through:
 * <ol>
 *   <li>{@code idle}: no progress either way for {@code --idle-timeout} seconds fires an idle event
 *       (observeOutput: a client taking a big list slowly is making progress);
 *   <li>{@code frameDecoder}: bytes to one line's payload: a length-prefixed frame
 *       ({@link FrameDecoder}) or, in raw framing, a newline-terminated line ({@link RawLineDecoder}),
 *       refusing one over {@code --max-frame};
 *   <li>{@code lineDecoder}: the payload to a {@code String}, strict UTF-8, a trailing newline dropped;
 *   <li>{@code session}: {@link SessionHandler}, which writes the list on connect, hands each line to
 *       the session's rules, and closes on the tenth line, an error or the idle event; the session
 *       tells the log, the counters and the metrics.
 * </ol>
 * Nothing is encoded outbound: the one message, the list, is written already framed ({@link ListFrame}).
 */
final class ServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final Admission admission;
    private final Sessions sessions;
    private final ChannelGroup channels;
    private final ListFrame list;

    ServerInitializer(ServerConfig config, Admission admission, Sessions sessions, ChannelGroup channels) {
        this.config = config;
        this.admission = admission;
        this.sessions = sessions;
        this.channels = channels;
        this.list = ListFrame.of(config.list(), config.framing());
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!admission.admit(ch.remoteAddress())) {
            ch.close(); // over --max-connections: counted and logged, and no pipeline built for it
            return;
        }
        channels.add(ch); // leaves the group by itself when it closes
        ChannelPipeline p = ch.pipeline();
        if (config.idleTimeoutSeconds() > 0) {
            p.addLast("idle", new IdleStateHandler(true, 0, 0, config.idleTimeoutSeconds(), TimeUnit.SECONDS));
        }
        p.addLast(
                "frameDecoder",
                config.framing() == Framing.FRAMED
                        ? new FrameDecoder(config.maxFrame())
                        : new RawLineDecoder(config.maxFrame()));
        p.addLast("lineDecoder", LineDecoder.INSTANCE);
        p.addLast("session", new SessionHandler(sessions, list));
    }
}
