package io.listlines.server;

import io.listlines.core.Admission;
import io.listlines.core.ProxyPolicy;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerCore;
import io.listlines.core.ServerSession;
import io.listlines.core.Sessions;
import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.Framing;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.ProxyHeaderReader;
import io.listlines.protocol.RawLineDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * Builds each accepted connection's pipeline, or refuses the connection before building anything.
 * Inbound, one connection's bytes go through:
 * <ol>
 *   <li>with {@code --proxy-protocol} first {@code proxyDecoder} ({@link ProxyHeaderReader#newDecoder}, Netty's
 *       {@code HAProxyMessageDecoder}) and {@code proxyHeader} ({@link ProxyHeaderHandler}), which wait for the
 *       header and, once it is valid, give way to the two below for the session it opens;
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
    /** Null without --proxy-protocol. */
    private final ProxyPolicy proxy;

    private final ChannelGroup channels;
    private final ListFrame list;
    /** Null with no idle timeout. */
    private final IdleSweep idleSweep;

    ServerInitializer(ServerConfig config, ServerCore core, ChannelGroup channels) {
        this.config = config;
        this.admission = core.admission();
        this.sessions = core.sessions();
        this.proxy = core.proxy();
        this.channels = channels;
        this.list = ListFrame.of(config.list(), config.framing());
        this.idleSweep = config.idleTimeoutSeconds() > 0 ? new IdleSweep(config.idleTimeoutSeconds()) : null;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (proxy != null) {
            if (!proxy.accept(ch.remoteAddress())) {
                ch.close(); // not --proxy-trusted: counted and logged
                return;
            }
            channels.add(ch);
            ch.pipeline()
                    .addLast("proxyDecoder", ProxyHeaderReader.newDecoder())
                    .addLast("proxyHeader", new ProxyHeaderHandler(proxy, this::addSession));
            return;
        }
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

    /** After a PROXY header: the same handlers, for the session the header opened, after {@code proxyHeader}. */
    private void addSession(ChannelPipeline p, ServerSession session) {
        p.addAfter(
                        "proxyHeader",
                        "frameDecoder",
                        config.framing() == Framing.FRAMED
                                ? new FrameDecoder(config.maxFrame())
                                : new RawLineDecoder(config.maxFrame()))
                .addAfter("frameDecoder", "session", new SessionHandler(session, list, idleSweep));
    }
}
