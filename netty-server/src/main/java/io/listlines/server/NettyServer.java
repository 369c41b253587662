package io.listlines.server;

import io.listlines.core.ListLinesServer;
import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerCore;
import io.listlines.core.ServerMonitor;
import io.listlines.core.ServerStats;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The list-lines server on Netty: a group of event-loop threads, each serving many connections,
 * one of which also accepts (no acceptor thread of its own: on a machine of few cores its wake-up
 * for every connection cost about a sixth of the server's CPU per session); with
 * {@code --reuse-port} each event loop listens on the port with a socket of its own (SO_REUSEPORT,
 * the kernel spreading connections over them) and serves what it accepts, with no hand-off between
 * threads. {@link #start()} binds;
 * {@link #stop()} stops accepting, lets sessions in flight finish within the grace period, then
 * releases the event loops.
 */
public final class NettyServer implements ListLinesServer {
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);

    /**
     * Outbound bytes a connection may have queued before it counts as unwritable (and its lines stop
     * being read), and the level it must drain to. The list is the only thing written and is shared
     * ({@link io.listlines.protocol.ListFrame}), so these bound what waits, not what is copied.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(16 * 1024, 64 * 1024);

    private final ServerConfig config;
    private final Transport transport;
    private final int threads;
    /** Every connection open now, for the graceful stop. */
    private final ChannelGroup channels = new DefaultChannelGroup("sessions", GlobalEventExecutor.INSTANCE);

    private final ServerCore core;
    private ServerMonitor monitor;
    private EventLoopGroup workerGroup;
    /** The listening sockets: one, or one per event loop with {@code --reuse-port}. */
    private final List<Channel> serverChannels = new ArrayList<>();

    public NettyServer(ServerConfig config, Transport transport, int threads) {
        this.config = config;
        this.transport = transport;
        this.threads = threads;
        this.core = new ServerCore(config, ModelLabels.netty(transport, threads));
    }

    /**
     * Binds and starts accepting.
     *
     * @return the address bound (with the actual port when the config asked for 0)
     * @throws CommandFailure if the address cannot be bound
     */
    @Override
    public InetSocketAddress start() {
        // Before any thread or socket: a TLS setting that cannot work ends the start with one sentence.
        SslContext tls = config.tlsEnabled() ? config.tls().nettyContext() : null;
        workerGroup = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
        ServerInitializer initializer = new ServerInitializer(config, core, channels, tls);
        try {
            if (config.reusePort()) {
                int port = config.port();
                for (EventExecutor loop : workerGroup) {
                    EventLoop own = (EventLoop) loop;
                    Channel listening = bootstrap(own, own, initializer)
                            .option(transport.reusePortOption(), true)
                            .bind(config.host(), port)
                            .sync()
                            .channel();
                    serverChannels.add(listening);
                    port = ((InetSocketAddress) listening.localAddress()).getPort(); // the others join the first's
                }
            } else {
                serverChannels.add(bootstrap(workerGroup, workerGroup, initializer)
                        .bind(config.host(), config.port())
                        .sync()
                        .channel());
            }
        } catch (Exception e) {
            closeListening();
            shutdownGroups();
            throw CommandFailure.failed(
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannels.get(0).localAddress();
        LOG.info(
                "Listening on {}:{} (transport {}, {} event-loop threads{})",
                config.host(),
                bound.getPort(),
                transport,
                threads,
                config.reusePort() ? ", a listening socket on each (SO_REUSEPORT)" : "");
        if (tls != null) {
            LOG.info("TLS: {}", config.tls().describe(config.tls().nettyProvider()));
            String warning = config.tls().validityWarning(Instant.now());
            if (warning != null) {
                LOG.warn(warning);
            }
        }
        if (transport.caveat() != null) {
            LOG.warn("Transport {}: {}", transport, transport.caveat());
        }
        try {
            monitor = core.startMonitor();
        } catch (CommandFailure e) {
            closeListening();
            shutdownGroups();
            throw e;
        }
        return bound;
    }

    @Override
    public int metricsPort() {
        return monitor == null ? -1 : monitor.metricsPort();
    }

    @Override
    public ServerStats stats() {
        return core.stats();
    }

    /**
     * Stops accepting, waits up to the grace period for the sessions in flight, closes any left,
     * and shuts the event loops down.
     */
    @Override
    public void drain() {
        core.drain();
    }

    @Override
    public void stop() throws InterruptedException {
        if (serverChannels.isEmpty()) {
            return;
        }
        closeListening();
        int inFlight = channels.size();
        if (inFlight > 0) {
            LOG.info(
                    "No longer accepting; waiting up to {} s for {} sessions in flight",
                    config.graceSeconds(),
                    inFlight);
            if (!channels.newCloseFuture().await(config.graceSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Grace period over: closing {} sessions still in flight", channels.size());
                core.stats().cut(channels.size());
                channels.close().await(5, TimeUnit.SECONDS);
            }
        }
        shutdownGroups();
        monitor.close();
        LOG.info("Stopped");
    }

    private ServerBootstrap bootstrap(EventLoopGroup acceptor, EventLoopGroup loops, ServerInitializer initializer) {
        return new ServerBootstrap()
                .group(acceptor, loops)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, config.backlog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptFailureHandler(core.acceptFailures()))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer);
    }

    private void closeListening() {
        for (Channel listening : serverChannels) {
            listening.close().syncUninterruptibly();
        }
    }

    private void shutdownGroups() {
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
