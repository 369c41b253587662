package io.listlines.runtime;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Netty transports, best first, and the one place that knows which classes go with each
 * (io_uring, then epoll, then NIO, as reactor-netty and lettuce choose).
 */
public enum Transport {
    IO_URING("io_uring") {
        @Override public boolean isAvailable() { return IoUring.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return IoUring.unavailabilityCause(); }
        @Override public IoHandlerFactory ioHandlerFactory() { return IoUringIoHandler.newFactory(); }
        @Override public Class<? extends ServerChannel> serverChannelClass() { return IoUringServerSocketChannel.class; }
        @Override public Class<? extends Channel> channelClass() { return IoUringSocketChannel.class; }
    },
    EPOLL("epoll") {
        @Override public boolean isAvailable() { return Epoll.isAvailable(); }
        @Override public Throwable unavailabilityCause() { return Epoll.unavailabilityCause(); }
        @Override public IoHandlerFactory ioHandlerFactory() { return EpollIoHandler.newFactory(); }
        @Override public Class<? extends ServerChannel> serverChannelClass() { return EpollServerSocketChannel.class; }
        @Override public Class<? extends Channel> channelClass() { return EpollSocketChannel.class; }
    },
    NIO("nio") {
        @Override public boolean isAvailable() { return true; }
        @Override public Throwable unavailabilityCause() { return null; }
        @Override public IoHandlerFactory ioHandlerFactory() { return NioIoHandler.newFactory(); }
        @Override public Class<? extends ServerChannel> serverChannelClass() { return NioServerSocketChannel.class; }
        @Override public Class<? extends Channel> channelClass() { return NioSocketChannel.class; }
    };

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public abstract boolean isAvailable();

    public abstract Throwable unavailabilityCause();

    public abstract IoHandlerFactory ioHandlerFactory();

    public abstract Class<? extends ServerChannel> serverChannelClass();

    public abstract Class<? extends Channel> channelClass();

    @Override
    public String toString() {
        return label;
    }

    /** The best transport this machine supports. */
    public static Transport best() {
        return Arrays.stream(values()).filter(Transport::isAvailable).findFirst().orElse(NIO);
    }

    /** Every transport this machine supports, best first. */
    public static List<Transport> available() {
        return Arrays.stream(values()).filter(Transport::isAvailable).toList();
    }

    /**
     * The transport a {@code --transport} value names: {@code auto} or one of the labels.
     *
     * @throws CommandFailure (usage) with one sentence if the name is unknown or the machine lacks it
     */
    public static Transport select(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            return best();
        }
        for (Transport transport : values()) {
            if (transport.label.equals(wanted) || transport.name().equalsIgnoreCase(wanted)) {
                if (!transport.isAvailable()) {
                    Throwable cause = transport.unavailabilityCause();
                    throw CommandFailure.usage("Transport " + transport + " is not available on this machine"
                            + (cause != null ? " (" + cause.getMessage() + ")" : "") + "; available: " + available() + ".");
                }
                return transport;
            }
        }
        throw CommandFailure.usage("Unknown transport '" + name + "'; choose auto, io_uring, epoll or nio.");
    }
}
