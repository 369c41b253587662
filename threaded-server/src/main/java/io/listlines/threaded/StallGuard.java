package io.listlines.threaded;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output stream with the write timeout {@code java.net} lacks: a write that makes no
 * progress for the idle timeout closes the socket. Writes go out in slices, each with its own
 * deadline, so a client that reads a big list slowly is not cut, and one that never reads cannot
 * hold its thread for longer than the idle timeout: the Netty server's rule (idle means no
 * progress either way), for a blocking thread.
 */
final class StallGuard extends FilterOutputStream {
    private static final int SLICE = 64 * 1024;
    static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Socket socket;
    private final long timeoutMillis;
    private volatile boolean stalled;

    StallGuard(Socket socket, int timeoutSeconds) throws IOException {
        this(socket.getOutputStream(), socket, timeoutSeconds);
    }

    /**
     * Guards writes to {@code out}, a stream over {@code socket} (a TLS socket's), by closing {@code socket}, the
     * plain one: a stalled TLS socket's own close would wait for the very write it is meant to end.
     */
    StallGuard(OutputStream out, Socket socket, int timeoutSeconds) {
        super(out);
        this.socket = socket;
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
    }

    /**
     * One platform thread for every connection's deadlines. A deadline is cancelled as soon as its
     * write is done and leaves the queue then: left there until it expired, each would hold its
     * guard and socket for the whole timeout, a minute of closed connections kept in the heap.
     */
    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(
                1, r -> Thread.ofPlatform().daemon(true).name("write-watchdog").unstarted(r));
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    /** Whether a write stalled and the socket was closed for it. */
    boolean stalled() {
        return stalled;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = Math.min(SLICE, len - done);
            ScheduledFuture<?> deadline = WATCHDOG.schedule(this::closeStalled, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                out.write(b, off + done, n);
            } finally {
                deadline.cancel(false);
            }
            done += n;
        }
    }

    private void closeStalled() {
        stalled = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
