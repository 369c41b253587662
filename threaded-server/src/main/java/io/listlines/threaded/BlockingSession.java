package io.listlines.threaded;

import io.listlines.protocol.BlockingCodec;
import io.listlines.protocol.ServerSession;
import io.listlines.protocol.SessionLog;
import io.listlines.runtime.ServerConfig;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection served by one thread with blocking I/O: the same {@link ServerSession} rules as
 * the Netty handler, the idle timeout as a socket read timeout.
 */
final class BlockingSession {
    /** Closes sockets whose list write outlives the idle timeout: java.net has no write timeout. */
    private static final ScheduledExecutorService WRITE_WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon(true).name("write-watchdog").unstarted(r));

    private BlockingSession() {
    }

    static void serve(Socket socket, ServerConfig config, SessionLog log) {
        ServerSession session = log.open(SessionLog.peer(socket.getRemoteSocketAddress()));
        AtomicBoolean writeTimedOut = new AtomicBoolean();
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(config.idleTimeoutSeconds() * 1000);
            BlockingCodec codec = new BlockingCodec(socket.getInputStream(), socket.getOutputStream(), config.maxFrame(), config.framing());
            writeList(codec, socket, config, writeTimedOut);
            while (!session.isComplete()) {
                String line = codec.readLine();
                if (line == null) {
                    break;
                }
                session.line(line);
            }
        } catch (IOException | RuntimeException e) {
            if (writeTimedOut.get()) {
                session.idle();
            }
            session.failed(e);
        } finally {
            session.closed();
        }
    }

    /**
     * Writes the list. A client that never reads a list larger than the socket buffers would block
     * this thread forever; the Netty server's idle timeout covers that case, so here a watchdog
     * closes the socket when the write outlives the same timeout.
     */
    private static void writeList(BlockingCodec codec, Socket socket, ServerConfig config, AtomicBoolean timedOut) throws IOException {
        if (config.idleTimeoutSeconds() == 0) {
            codec.writeList(config.list().pickle());
            return;
        }
        ScheduledFuture<?> guard = WRITE_WATCHDOG.schedule(() -> {
            timedOut.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }, config.idleTimeoutSeconds(), TimeUnit.SECONDS);
        try {
            codec.writeList(config.list().pickle());
        } finally {
            guard.cancel(false);
        }
    }
}
