package io.listlines.server;

import io.listlines.core.Admission;
import io.listlines.core.ServerConfig;
import io.listlines.core.Sessions;
import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.Framing;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.RawLineDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * Builds each accepted connection's pipeline, or refuses the connection before building anything.
 * Inbound, one connection's bytes go through:
 * <ol>
 *   <li>{@code frameDecoder}: bytes to one line's payload: a length-prefixed frame
 *       ({@link FrameDecoder}) or, in raw framing, a newline-terminated line ({@link RawLineDecoder}),
 *       refusing one over {@code --max-frame};
 *   <li>{@code session}: {@link SessionHandler}, which writes the list on connect, decodes each
 *       payload to a line (strict UTF-8), hands it to the session's rules, and closes on the tenth
 *       line, an error or when the {@link IdleSweep} finds the connection idle ({@code --idle-timeout});
 *       the session tells the log, the counters and the metrics.
 * </ol>
 * Nothing is encoded outbound: the one message, the list, is written already framed ({@link ListFrame}).
 */
final class ServerInitializer extends ChannelInitializer<Channel> {
    private final ServerConfig config;
    private final Admission admission;
    private final Sessions sessions;
    private final ChannelGroup channels;
    private final ListFrame list;
    /** Null with no idle timeout. */
    private final IdleSweep idleSweep;

    ServerInitializer(ServerConfig config, Admission admission, Sessions sessions, ChannelGroup channels) {
        this.config = config;
        this.admission = admission;
        this.sessions = sessions;
        this.channels = channels;
        this.list = ListFrame.of(config.list(), config.framing());
        this.idleSweep = config.idleTimeoutSeconds() > 0 ? new IdleSweep(config.idleTimeoutSeconds()) : null;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!admission.admit(ch.remoteAddress())) {
            ch.close(); // over --max-connections: counted and logged, and no pipeline built for it
            return;
        }
        channels.add(ch); // leaves the group by itself when it closes
        ChannelPipeline p = ch.pipeline();
        p.addLast(
                "frameDecoder",
                config.framing() == Framing.FRAMED
                        ? new FrameDecoder(config.maxFrame())
                        : new RawLineDecoder(config.maxFrame()));
        p.addLast("session", new SessionHandler(sessions, list, idleSweep));
    }
}
