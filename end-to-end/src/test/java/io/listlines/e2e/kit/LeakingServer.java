package io.listlines.e2e.kit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that leaks on purpose, for the positive control of SoakIT's leak check: every
 * connection it accepts gets a pooled buffer that is never released, and is closed. It runs as a
 * process the way the real servers do ({@link ServerProcess}: {@code --host},
 * {@code --port}, a {@code Listening on HOST:PORT} line, the same logging set-up), until it is
 * signalled.
 */
public final class LeakingServer {
    private static final Logger LOG = LoggerFactory.getLogger(LeakingServer.class);

    private LeakingServer() {}

    /** Allocates a buffer for each connection, drops it, and closes the connection. */
    @Sharable
    private static final class Leak extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.alloc().buffer(64).writeLong(42).touch("leaked on purpose by LeakingServer");
            ctx.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new Leak())
                .bind(host, port)
                .sync()
                .channel();
        LOG.info(
                "Listening on {}:{} (leaking a buffer per connection, on purpose)",
                host,
                ((InetSocketAddress) listener.localAddress()).getPort());
        listener.closeFuture().sync();
    }
}
