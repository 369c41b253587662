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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Builds each accepted connection's pipeline, or refuses the connection before building anything.
 * Inbound, one connection's bytes go through (with TLS after {@code shutdownBeforeClose},
 * {@link ShutdownBeforeClose}, which only sees each close):
 * <ol>
 *   <li>with {@code --proxy-protocol} first {@code proxyDecoder} ({@link ProxyHeaderReader#newDecoder}, Netty's
 *       {@code HAProxyMessageDecoder}) and {@code proxyHeader} ({@link ProxyHeaderHandler}), which wait for the
 *       header and, once it is valid, give way to the handlers below for the session it opens;
 *   <li>with {@code --tls-cert} {@code tls}, Netty's {@link SslHandler} (one engine per connection, from the
 *       server's one {@link SslContext}): after the PROXY header, which a balancer writes in plaintext before
 *       the client's TLS bytes, else first; the session begins only once its handshake is complete;
 *   <li>{@code frameDecoder}: bytes to one line's payload: a length-prefixed frame
 *       ({@link FrameDecoder}) or, in raw framing, a newline-terminated line ({@link RawLineDecoder}),
 *       refusing one over {@code --max-frame};
 *   <li>{@code session}: {@link SessionHandler}, which writes the list on connect, decodes each
 *       payload to a line (strict UTF-8), hands it to the session's rules, and closes on the tenth
 *       line, an error or when the {@link IdleSweep} finds the connection idle ({@code --idle-timeout});
 *       the session tells the log, the counters and the metrics.
 * </ol>
 * Nothing is encoded outbound: the one message, the list, is written already framed ({@link ListFrame});
 * with TLS the {@code SslHandler} encrypts it into buffers of each connection's own, so the list is still
 * encoded once but copied once per connection.
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
    /** Null for plaintext. */
    private final SslContext tls;

    ServerInitializer(ServerConfig config, ServerCore core, ChannelGroup channels, SslContext tls) {
        this.config = config;
        this.admission = core.admission();
        this.sessions = core.sessions();
        this.proxy = core.proxy();
        this.channels = channels;
        this.list = ListFrame.of(config.list(), config.framing());
        this.idleSweep = config.idleTimeoutSeconds() > 0 ? new IdleSweep(config.idleTimeoutSeconds()) : null;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (tls != null) {
            ch.pipeline().addLast("shutdownBeforeClose", ShutdownBeforeClose.INSTANCE);
        }
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
        if (tls != null) {
            p.addLast("tls", sslHandler(ch));
        }
        p.addLast(
                "frameDecoder",
                config.framing() == Framing.FRAMED
                        ? new FrameDecoder(config.maxFrame())
                        : new RawLineDecoder(config.maxFrame()));
        p.addLast("session", new SessionHandler(sessions, list, idleSweep, tls != null));
    }

    /**
     * The connection's engine; the idle timeout bounds its handshake (the handler's own timer, only until the
     * handshake is done), and 0 leaves it unbounded, as the idle timeout 0 leaves a session.
     */
    private SslHandler sslHandler(Channel ch) {
        SslHandler handler = tls.newHandler(ch.alloc());
        handler.setHandshakeTimeoutMillis(config.idleTimeoutSeconds() * 1000L);
        return handler;
    }

    /** After a PROXY header: the same handlers, for the session the header opened, after {@code proxyHeader}. */
    private void addSession(ChannelPipeline p, ServerSession session) {
        String before = "proxyHeader";
        if (tls != null) {
            p.addAfter(before, "tls", sslHandler(p.channel()));
            before = "tls";
        }
        p.addAfter(
                        before,
                        "frameDecoder",
                        config.framing() == Framing.FRAMED
                                ? new FrameDecoder(config.maxFrame())
                                : new RawLineDecoder(config.maxFrame()))
                .addAfter("frameDecoder", "session", new SessionHandler(session, list, idleSweep, tls != null));
    }
}
