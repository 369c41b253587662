package io.listlines.client;

import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.Framing;
import io.listlines.protocol.LineEncoder;
import io.listlines.protocol.ListDecoder;
import io.listlines.protocol.RawPickleDecoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds a client connection's pipeline. Inbound, the server's bytes go through:
 * <ol>
 *   <li>{@code idle}: the {@code --timeout}, all-idle: the clock restarts on every line we write,
 *       so waiting for the close counts from the last line, not from the list (with think 1000 and
 *       the default timeout of 10 s, reader-idle fired just as the tenth line left, about once in
 *       40,000);
 *   <li>{@code frameDecoder}: bytes to the list's pickle: a length-prefixed frame
 *       ({@link FrameDecoder}) or, in raw framing, the bare pickle, whose end only scanning it finds
 *       ({@link RawPickleDecoder}), refusing one over {@code --max-frame};
 *   <li>{@code listDecoder}: the pickle to the list, a {@code List<Long>} ({@link ListDecoder});
 *   <li>{@code session}: {@link ClientSessionHandler}, which checks the list, writes the ten lines
 *       and waits for the server's close.
 * </ol>
 * With {@code --proxy-protocol}, {@code proxyHeader} ({@link ProxyHeaderSender}) first writes the PROXY
 * header through {@code proxyEncoder} (Netty's {@code HAProxyMessageEncoder}) and leaves. With {@code --tls},
 * {@code tls} (Netty's {@code SslHandler}, {@link ClientTls}) comes after them, since a balancer reads the
 * header in plaintext, and before everything else.
 * Outbound, {@code lineEncoder} ({@link LineEncoder}) puts each line on the wire as the framing says.
 */
final class ClientInitializer extends ChannelInitializer<Channel> {
    private final ClientConfig config;
    /** Makes the channel's session handler, which alone needs the target, the start time and the listener. */
    private final Supplier<ClientSessionHandler> session;

    /** The server's address, whose name the server's certificate must show. */
    private final InetSocketAddress remote;

    ClientInitializer(
            ClientConfig config, InetSocketAddress remote, String target, long start, SessionListener listener) {
        this.config = config;
        this.remote = remote;
        this.session = () -> new ClientSessionHandler(config, target, start, listener);
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (config.proxy() != null) {
            p.addLast("proxyEncoder", HAProxyMessageEncoder.INSTANCE);
            p.addLast("proxyHeader", new ProxyHeaderSender(config.proxy()));
        }
        if (config.tls() != null) {
            p.addLast("tls", config.tls().newHandler(ch.alloc(), remote));
        }
        p.addLast("idle", new IdleStateHandler(0, 0, config.timeoutSeconds(), TimeUnit.SECONDS));
        boolean framed = config.framing() == Framing.FRAMED;
        p.addLast(
                "frameDecoder", framed ? new FrameDecoder(config.maxFrame()) : new RawPickleDecoder(config.maxFrame()));
        p.addLast("listDecoder", ListDecoder.INSTANCE);
        p.addLast("lineEncoder", framed ? LineEncoder.FRAMED : LineEncoder.RAW);
        p.addLast("session", session.get());
    }
}
