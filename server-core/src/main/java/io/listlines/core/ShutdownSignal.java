package io.listlines.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGINT and SIGTERM into an orderly stop: the main thread waits in {@link #await()}, then
 * shuts its server down gracefully and returns 0. Handling the signals (instead of relying on a
 * shutdown hook) is what lets the process exit with status 0 rather than 130/143.
 */
public final class ShutdownSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignal.class);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch again = new CountDownLatch(2);
    private volatile String reason = "stopped";

    private ShutdownSignal() {}

    /** Installs the handlers; from now on INT and TERM release {@link #await()} instead of killing the JVM. */
    public static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> signal.trigger("SIG" + s.getName()));
            } catch (IllegalArgumentException e) {
                LOG.debug("Cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
        return signal;
    }

    public void trigger(String why) {
        reason = why;
        stop.countDown();
        again.countDown();
    }

    /** Blocks until a signal (or {@link #trigger}) arrives; returns its name. */
    public String await() throws InterruptedException {
        stop.await();
        return reason;
    }

    /**
     * After {@link #await()}: waits up to {@code limit} for a second signal, so that an operator who
     * signals twice need not wait out a delay. Returns whether one came.
     */
    public boolean awaitAnother(Duration limit) throws InterruptedException {
        return again.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
