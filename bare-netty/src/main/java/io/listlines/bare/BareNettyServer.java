package io.listlines.bare;

import io.listlines.runtime.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * The list-lines protocol (framed) with nothing but Netty: one event-loop group, one
 * {@link BareInitializer} (a length-field decoder and {@link BareSessionHandler}), no limits, logs,
 * counters, idle timeout, TLS or PROXY. The bench runs it beside netty-server, with the JVM options of
 * {@code bin/jvm/netty-server.options}, on the same transports with the same settings
 * ({@link Transport}) and as many event-loop threads as netty-server's default, one per core, one of
 * which also accepts: what separates the two is netty-server's own code.
 *
 * <p>Usage: {@code java -jar bare-netty.jar HOST PORT [TRANSPORT]} (PORT 0: an ephemeral one; TRANSPORT
 * io_uring, epoll, nio or auto, the default). Prints {@code Listening on HOST:PORT (bare Netty on T)} as the
 * other servers do; stops on SIGTERM or SIGINT, status 0; a bad command line, status 2.
 */
public final class BareNettyServer {
    private BareNettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2 || args.length > 3 || !args[1].matches("\\d{1,5}")) {
            System.err.println("Usage: bare-netty HOST PORT [io_uring|epoll|nio|auto]");
            System.exit(2);
        }
        Transport transport;
        try {
            transport = Transport.select(args.length == 3 ? args[2] : "auto");
        } catch (RuntimeException e) {
            System.err.println("bare-netty: " + e.getMessage());
            System.exit(2);
            return;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, transport.ioHandlerFactory());
        try {
            Channel listening = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannelClass())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new BareInitializer())
                    .bind(args[0], Integer.parseInt(args[1]))
                    .sync()
                    .channel();
            System.out.printf(
                    "Listening on %s:%d (bare Netty on %s, %d event-loop threads)%n",
                    args[0], ((InetSocketAddress) listening.localAddress()).getPort(), transport, threads);
            System.out.flush();
            // SIGTERM and SIGINT close the listening socket; main then returns, status 0, as the C server's.
            for (String name : new String[] {"TERM", "INT"}) {
                Signal.handle(new Signal(name), signal -> listening.close());
            }
            listening.closeFuture().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
