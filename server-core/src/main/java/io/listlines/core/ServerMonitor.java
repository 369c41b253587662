package io.listlines.core;

import io.listlines.runtime.CommandFailure;
import io.listlines.core.ServerStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a server's {@link ServerStats} for every model alike: a summary line every
 * {@code --stats-interval} seconds and at shutdown, and, with {@code --metrics-port}, the
 * counters over HTTP in Prometheus' text format (a small Netty HTTP server of its own, one thread).
 */
public final class ServerMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMonitor.class);

    private final ServerStats stats;
    private final ScheduledExecutorService ticker;
    private final EventLoopGroup httpGroup;
    private final Channel httpChannel;

    private ServerMonitor(ServerStats stats, ScheduledExecutorService ticker, EventLoopGroup httpGroup, Channel httpChannel) {
        this.stats = stats;
        this.ticker = ticker;
        this.httpGroup = httpGroup;
        this.httpChannel = httpChannel;
    }

    /**
     * Starts the summary lines and the metrics endpoint the config asks for.
     *
     * @throws CommandFailure if the metrics port cannot be bound
     */
    public static ServerMonitor start(ServerConfig config, ServerStats stats, String model) {
        ScheduledExecutorService ticker = null;
        if (config.statsIntervalSeconds() > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true).name("stats").unstarted(r));
            ticker.scheduleAtFixedRate(() -> LOG.info("Stats: {}", stats.summary()),
                    config.statsIntervalSeconds(), config.statsIntervalSeconds(), TimeUnit.SECONDS);
        }
        if (config.metricsPort() == null) {
            return new ServerMonitor(stats, ticker, null, null);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(4096), new MetricsHandler(stats, model));
                        }
                    })
                    .bind(config.host(), config.metricsPort()).sync().channel();
            LOG.info("Metrics on http://{}:{}/metrics", config.host(), ((InetSocketAddress) channel.localAddress()).getPort());
            return new ServerMonitor(stats, ticker, group, channel);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (ticker != null) {
                ticker.shutdownNow();
            }
            throw CommandFailure.failed("Cannot serve metrics on " + config.host() + ":" + config.metricsPort() + ": " + e.getMessage());
        }
    }

    /** The bound metrics port, or -1 without one. */
    public int metricsPort() {
        return httpChannel == null ? -1 : ((InetSocketAddress) httpChannel.localAddress()).getPort();
    }

    /** Stops the endpoint and logs the final summary. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (httpChannel != null) {
            httpChannel.close().syncUninterruptibly();
            httpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        LOG.info("Stats: {}", stats.summary());
    }

    /** {@code GET /metrics}: the counters; anything else: 404 or 405. */
    private static final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ServerStats stats;
        private final String model;

        MetricsHandler(ServerStats stats, String model) {
            this.stats = stats;
            this.model = model;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            HttpResponseStatus status;
            String body;
            if (!request.uri().equals("/metrics") && !request.uri().startsWith("/metrics?")) {
                status = HttpResponseStatus.NOT_FOUND;
                body = "Not found: the counters are at /metrics\n";
            } else if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                status = HttpResponseStatus.METHOD_NOT_ALLOWED;
                body = "Use GET\n";
            } else {
                status = HttpResponseStatus.OK;
                body = stats.prometheus(model);
            }
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, status == HttpResponseStatus.OK
                    ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
