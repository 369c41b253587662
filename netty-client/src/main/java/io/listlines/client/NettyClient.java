package io.listlines.client;

import io.listlines.report.Outcome;
import io.listlines.runtime.HostPort;
import io.listlines.runtime.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The list-lines client on Netty: one event loop group running any number of sessions at once.
 * Each session reports to its {@link SessionListener}; nothing is thrown for a failed session.
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
        if (config.transport() == Transport.EPOLL) {
            // With a source address, let the kernel pick the port at connect time, per (source,
            // destination) pair, instead of reserving one at bind time from a single shared range.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
    }

    /** The target of the configuration ({@code --host}/{@code --port}). */
    public InetSocketAddress defaultTarget() {
        return new InetSocketAddress(config.host(), config.port());
    }

    /**
     * Starts one session now.
     *
     * @param remote        the server
     * @param local         the source address to bind (port 0), or null for the kernel's choice
     * @param intendedStart when the session was meant to start ({@link System#nanoTime()}), for latency
     */
    public void start(InetSocketAddress remote, InetSocketAddress local, long intendedStart, SessionListener listener) {
        String target = targetName(remote);
        Bootstrap b = bootstrap.clone().handler(new ClientInitializer(config, remote, target, intendedStart, listener));
        ChannelFuture connect = local == null ? b.connect(remote) : b.connect(remote, local);
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Outcome outcome = FailureCause.of(f.cause());
                listener.ended(new SessionResult(
                        outcome,
                        null,
                        connectFailure(target, remote, outcome, f.cause()),
                        intendedStart,
                        0,
                        0,
                        0,
                        System.nanoTime()));
            }
        });
    }

    /**
     * Starts one hostile session (for the soak): {@code ended} hears whether it ended as that
     * kind of misbehaviour should, and never hears twice.
     */
    public void startHostile(InetSocketAddress remote, Hostility hostility, Consumer<Boolean> ended) {
        AtomicBoolean reported = new AtomicBoolean();
        Consumer<Boolean> once = ok -> {
            if (reported.compareAndSet(false, true)) {
                ended.accept(ok);
            }
        };
        bootstrap.clone().handler(hostility.handler(once)).connect(remote).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                once.accept(false);
            }
        });
    }

    /** Runs one session against the configured target and returns its result. */
    public CompletableFuture<SessionResult> run() {
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        start(defaultTarget(), null, System.nanoTime(), result::complete);
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

    private String targetName(InetSocketAddress remote) {
        if (remote.getHostString().equals(config.host()) && remote.getPort() == config.port()) {
            return config.target();
        }
        return HostPort.format(remote.getHostString(), remote.getPort());
    }

    private String connectFailure(String target, InetSocketAddress remote, Outcome outcome, Throwable cause) {
        return switch (outcome) {
            case REFUSED -> "Connection refused by " + target + ": is the server running?";
            case TIMEOUT -> "Timed out after " + config.timeoutSeconds() + " s connecting to " + target + ".";
            default ->
                cause instanceof UnknownHostException || remote.isUnresolved()
                        ? "Unknown host '" + remote.getHostString() + "'."
                        : "Cannot connect to " + target + ": " + cause.getMessage() + ".";
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
