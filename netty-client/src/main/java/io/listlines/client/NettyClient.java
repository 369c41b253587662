package io.listlines.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The list-lines client on Netty: one event loop group running any number of sessions at once.
 * Each session reports its {@link SessionResult}; nothing is thrown for a failed session.
 */
public final class NettyClient implements AutoCloseable {
    private final ClientConfig config;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    public NettyClient(ClientConfig config, int threads) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(threads, config.transport().ioHandlerFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(config.transport().channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(config.timeoutSeconds()));
    }

    /** Starts one session now; {@code onEnd} is called once, on an event loop, when it ends. */
    public void start(SocketAddress localAddress, long start, Consumer<SessionResult> onEnd) {
        Bootstrap b = bootstrap.clone().handler(new ClientInitializer(config, start, onEnd));
        ChannelFuture connect = localAddress == null ? b.connect(config.host(), config.port())
                : b.connect(new java.net.InetSocketAddress(config.host(), config.port()), localAddress);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Outcome outcome = Outcome.of(f.cause());
                onEnd.accept(new SessionResult(outcome, null, connectFailure(outcome, f.cause()), start, 0, 0, System.nanoTime()));
            }
        });
    }

    /** Runs one session and returns its result. */
    public CompletableFuture<SessionResult> run() {
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        start(null, System.nanoTime(), result::complete);
        return result;
    }

    /** Runs {@code n} sessions at once and waits for all of them. */
    public List<SessionResult> runAll(int n) {
        List<CompletableFuture<SessionResult>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(run());
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private String connectFailure(Outcome outcome, Throwable cause) {
        return switch (outcome) {
            case REFUSED -> "Connection refused by " + config.target() + ": is the server running?";
            case TIMEOUT -> "Timed out after " + config.timeoutSeconds() + " s connecting to " + config.target() + ".";
            default -> cause instanceof java.net.UnknownHostException
                    ? "Unknown host '" + config.host() + "'."
                    : "Cannot connect to " + config.target() + ": " + cause.getMessage() + ".";
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
