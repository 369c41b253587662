package io.listlines.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.StandardSocketOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Netty transports, best first, and the one place that knows which classes go with each
 * (io_uring, then epoll, then NIO, as reactor-netty and lettuce choose).
 */
public enum Transport {
    IO_URING(
            "io_uring",
            IoUring::unavailabilityCause,
            () -> IoUringIoHandler.newFactory(
                    new IoUringIoHandlerConfig().setCqSize(Transport.IO_URING_COMPLETION_QUEUE)),
            IoUringServerSocketChannel.class,
            IoUringSocketChannel.class) {
        @Override
        public String caveat() {
            if (!IoUring.isAvailable()) {
                return null;
            } else if (IoUring.isPollAddMultishotEnabled()) {
                return "multishot POLL_ADD is on (-D" + POLL_ADD_MULTISHOT
                        + "=true, or io_uring was set up before this class):"
                        + " a peer's reset that arrives with its last bytes may be noticed only at the idle timeout";
            } else if (IoUring.isAcceptMultishotEnabled()) {
                return "multishot accept is on (-D" + ACCEPT_MULTISHOT
                        + "=true, or io_uring was set up before this class):"
                        + " at the open-file limit, accepting spins a core instead of pausing";
            }
            return null;
        }
    },
    EPOLL(
            "epoll",
            Epoll::unavailabilityCause,
            EpollIoHandler::newFactory,
            EpollServerSocketChannel.class,
            EpollSocketChannel.class),
    NIO("nio", () -> null, NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

    /**
     * Netty's switch for waiting on input with one multishot POLL_ADD(POLLIN) per channel instead of a single-shot
     * poll armed afresh after each read loop. This class turns it off; see the static initializer.
     */
    public static final String POLL_ADD_MULTISHOT = "io.netty.iouring.pollAddMultishotEnabled";

    /**
     * Netty's switch for accepting with one multishot ACCEPT per listening channel. This class turns it off too; see
     * the static initializer.
     */
    public static final String ACCEPT_MULTISHOT = "io.netty.iouring.acceptMultiShotEnabled";

    /**
     * Completion-queue entries per io_uring event loop (16 bytes each). Netty's default, the
     * submission ring's 4,096, overflowed ("CompletionQueue overflow detected") in a load generator
     * with some 10,000 connections per loop, and sessions timed out; a loop here may serve that many.
     */
    static final int IO_URING_COMPLETION_QUEUE = 32_768;

    /*
     * Netty 4.2.18's io_uring transport, once a read loop has emptied the socket, waits for more input on a multishot
     * POLL_ADD(POLLIN), which reports a change in the socket's state once. When a peer's reset arrives together with
     * its last bytes, that one report (POLLIN|POLLERR|POLLHUP|POLLRDHUP) starts the recv that returns the bytes: Linux
     * hands over queued data before the error, and after a reset, unlike after a FIN, the socket does not look
     * non-empty (IORING_CQE_F_SOCK_NONEMPTY), so the read loop ends there. The POLLRDHUP poll fires while that recv
     * is in flight and schedules nothing. Nothing reports the reset again, and the channel hears nothing until the
     * idle timeout. A single-shot poll, armed afresh after each read loop, finds the socket readable at once (the
     * reset is pending), and the next recv fails with ECONNRESET, as on epoll and NIO. IoUring reads the property in
     * its static initializer, on its first use; every use in this project goes through this class, so setting it
     * here is early enough. An explicit -D setting wins; caveat() says when the switch is on anyway.
     *
     * Multishot accept, likewise: when accept fails (EMFILE at the open-file limit), the kernel ends the multishot
     * request, and Netty 4.2.18 re-arms it at once whether or not the channel still wants to read, so setting autoRead
     * off (Netty's own acceptor pauses accepting a second on an accept error; so does ours, AcceptFailureHandler)
     * stops nothing: measured under a 256-file limit, 1.8 million failed accepts in 3.4 s, a core busy, against a few
     * with single-shot accepts, which are armed only while the channel wants to read.
     */
    static {
        for (String multishot : new String[] {POLL_ADD_MULTISHOT, ACCEPT_MULTISHOT}) {
            if (System.getProperty(multishot) == null) {
                System.setProperty(multishot, "false");
            }
        }
    }

    private final String label;
    // Method references, not values: IoUring and Epoll must not be initialized while the constants are built,
    // before the static initializer above has set the multishot switches.
    private final Supplier<Throwable> unavailabilityCause;
    private final Supplier<IoHandlerFactory> ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final Class<? extends Channel> channelClass;

    Transport(
            String label,
            Supplier<Throwable> unavailabilityCause,
            Supplier<IoHandlerFactory> ioHandlerFactory,
            Class<? extends ServerChannel> serverChannelClass,
            Class<? extends Channel> channelClass) {
        this.label = label;
        this.unavailabilityCause = unavailabilityCause;
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannelClass = serverChannelClass;
        this.channelClass = channelClass;
    }

    /** Whether this machine supports it: as Netty's Epoll and IoUring define it, when there is no cause against. */
    public boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why this machine lacks it, or null when it has it. */
    public Throwable unavailabilityCause() {
        return unavailabilityCause.get();
    }

    public IoHandlerFactory ioHandlerFactory() {
        return ioHandlerFactory.get();
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannelClass;
    }

    public Class<? extends Channel> channelClass() {
        return channelClass;
    }

    /** SO_REUSEPORT as this transport's channels take it. */
    public ChannelOption<Boolean> reusePortOption() {
        return this == NIO ? NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT) : UnixChannelOption.SO_REUSEPORT;
    }

    /** A known weakness of this transport as configured in this JVM, in one phrase for a warning; null when none. */
    public String caveat() {
        return null;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The best transport this machine supports. */
    public static Transport best() {
        return Arrays.stream(values())
                .filter(Transport::isAvailable)
                .findFirst()
                .orElse(NIO);
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
                            + (cause != null ? " (" + cause.getMessage() + ")" : "") + "; available: " + available()
                            + ".");
                }
                return transport;
            }
        }
        throw CommandFailure.usage("Unknown transport '" + name + "'; choose auto, io_uring, epoll or nio.");
    }
}
