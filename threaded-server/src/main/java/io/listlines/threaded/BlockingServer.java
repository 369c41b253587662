package io.listlines.threaded;

import io.listlines.core.AcceptFailures;
import io.listlines.core.ListLinesServer;
import io.listlines.core.ModelLabels;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerCore;
import io.listlines.core.ServerMonitor;
import io.listlines.core.ServerStats;
import io.listlines.protocol.ListFrame;
import io.listlines.runtime.CommandFailure;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the article's blocking servers share: a thread that accepts connections and hands each to
 * the model's way of running {@link BlockingSession}, and a graceful stop that waits for the
 * sessions in flight. Subclasses decide only where a session runs.
 */
public abstract class BlockingServer implements ListLinesServer {
    private static final Logger LOG = LoggerFactory.getLogger(BlockingServer.class);

    protected final ServerConfig config;
    private final ServerCore core;
    private final AcceptFailures acceptFailures;
    /** The list as every connection is sent it, encoded once. */
    private final byte[] list;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allClosed = lock.newCondition();
    /** Set when the grace period is over: a connection still queued is closed, not served. */
    private volatile boolean cutting;

    private ServerMonitor monitor;
    private ServerSocket serverSocket;
    private Thread acceptor;

    /** @param model the model's name and size, for the log and the metrics' labels */
    BlockingServer(ServerConfig config, ModelLabels model) {
        this.config = config;
        this.core = new ServerCore(config, model);
        this.acceptFailures = core.acceptFailures();
        this.list = ListFrame.bytes(config.list(), config.framing());
    }

    /** Runs {@link #serve(Socket)} for an accepted connection, on the model's thread. */
    abstract void dispatch(Socket socket) throws InterruptedException;

    /** Releases the model's threads once every session is over. */
    void release() {}

    final void serve(Socket socket) {
        try {
            if (cutting) {
                // Taken from the pool's queue as the grace period ended: recorded like the others, not served.
                closeQuietly(socket);
            }
            BlockingSession.serve(socket, config, list, core.sessions(), core.proxy(), config.tls());
        } finally {
            open.remove(socket);
            if (open.isEmpty()) {
                lock.lock();
                try {
                    allClosed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Binds and starts the accepting thread; returns the bound address. */
    @Override
    public final InetSocketAddress start() {
        try {
            serverSocket = new ServerSocket();
            serverSocket.setReuseAddress(true);
            if (config.reusePort()) {
                serverSocket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            serverSocket.bind(
                    new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), config.backlog());
        } catch (IOException e) {
            throw CommandFailure.failed(
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        }
        acceptor = Thread.ofPlatform().name("acceptor").start(this::acceptLoop);
        LOG.info(
                "Listening on {}:{} (model {})",
                config.host(),
                serverSocket.getLocalPort(),
                core.model().describe());
        if (config.tlsEnabled()) {
            LOG.info("TLS: {}", config.tls().describe(SslProvider.JDK));
            String warning = config.tls().validityWarning(Instant.now());
            if (warning != null) {
                LOG.warn(warning);
            }
        }
        try {
            monitor = core.startMonitor();
        } catch (CommandFailure e) {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // failing anyway
            }
            throw e;
        }
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                acceptFailures.accepted();
                // With --proxy-protocol only the sender is checked here; the header's peer is admitted after it.
                boolean admitted = core.proxy() != null
                        ? core.proxy().accept(socket.getRemoteSocketAddress())
                        : core.admission().admit(socket.getRemoteSocketAddress());
                if (!admitted) {
                    socket.close();
                    continue;
                }
                open.add(socket);
                dispatch(socket);
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    // EMFILE and the like: keep serving the connections we have, try again after a pause.
                    pause(acceptFailures.failed(e));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every accepted connection is closed and recorded, or the time is up; true if all are. */
    private boolean awaitAllClosed(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            long left;
            while (!open.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                allClosed.awaitNanos(left);
            }
            return open.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public final int metricsPort() {
        return monitor == null ? -1 : monitor.metricsPort();
    }

    @Override
    public final ServerStats stats() {
        return core.stats();
    }

    @Override
    public final void drain() {
        core.drain();
    }

    /** Stops accepting, gives sessions in flight the grace period, closes any left, releases threads. */
    @Override
    public final void stop() throws InterruptedException {
        if (serverSocket == null) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("Closing the listening socket: {}", e.getMessage());
        }
        acceptor.join();
        if (!open.isEmpty()) {
            LOG.info(
                    "No longer accepting; waiting up to {} s for {} sessions in flight",
                    config.graceSeconds(),
                    open.size());
            if (!awaitAllClosed(TimeUnit.SECONDS.toNanos(config.graceSeconds()))) {
                LOG.warn("Grace period over: closing {} sessions still in flight", open.size());
                core.stats().cut(open.size());
                cutting = true;
                for (Socket socket : open) {
                    closeQuietly(socket);
                }
                // Their threads (or, for the pool, the workers draining the queue) record each outcome.
                awaitAllClosed(TimeUnit.SECONDS.toNanos(5));
            }
        }
        release();
        monitor.close();
        LOG.info("Stopped");
    }
}
