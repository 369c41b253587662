package io.listlines.core;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every server model does when {@code accept()} fails (out of file descriptors, most
 * often): one WARN when accepting starts to fail, saying why and what to do; a pause before the
 * next attempt, growing from {@value #FIRST_PAUSE_MILLIS} ms to at most {@value #MAX_PAUSE_MILLIS}
 * ms while it keeps failing, so a server at its limit does not spin; one INFO when accepting works
 * again, with how long it failed and how many attempts did; and a count by cause in
 * {@link ServerStats#acceptErrors()}. Clients meanwhile wait in the kernel's backlog and are
 * accepted once descriptors free up. A server at its limit with sessions ending accepts a few and
 * fails again, over and over: that is one episode, and it ends, with its INFO, only at an accept
 * {@value #QUIET_MILLIS} ms or more after the last failure, so churn at the limit logs two lines,
 * not two per freed descriptor. Thread-safe: the Netty server with {@code --reuse-port} accepts on
 * every event loop; an accept while all is well costs one volatile read.
 */
public final class AcceptFailures {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptFailures.class);
    static final long FIRST_PAUSE_MILLIS = 50;
    static final long MAX_PAUSE_MILLIS = 1_000;
    static final long QUIET_MILLIS = 2_000;

    private final ServerStats stats;
    /** When the current episode of failures began, and its last failure; 0 while accepting works. */
    private volatile long failingSinceNanos;

    private long lastFailureNanos;
    private long failuresInRun;
    private long nextPauseMillis = FIRST_PAUSE_MILLIS;

    public AcceptFailures(ServerStats stats) {
        this.stats = stats;
    }

    /**
     * Records a failed accept.
     *
     * @return how long to pause accepting before the next attempt, in milliseconds
     */
    public synchronized long failed(Throwable cause) {
        String kind = kind(cause);
        stats.acceptError(kind);
        failuresInRun++;
        lastFailureNanos = System.nanoTime();
        if (failingSinceNanos == 0) {
            failingSinceNanos = lastFailureNanos;
            LOG.warn(
                    "Accepting connections fails: {} ({}). {} Pausing accepts; clients wait in the backlog meanwhile.",
                    cause.getMessage(),
                    kind,
                    advice(kind));
        }
        long pause = nextPauseMillis;
        nextPauseMillis = Math.min(MAX_PAUSE_MILLIS, nextPauseMillis * 2);
        return pause;
    }

    /** Records an accepted connection; once failures have stopped for a while, says that accepting works again. */
    public void accepted() {
        if (failingSinceNanos != 0) {
            acceptedWhileFailing();
        }
    }

    private synchronized void acceptedWhileFailing() {
        if (failingSinceNanos == 0) {
            return;
        }
        nextPauseMillis = FIRST_PAUSE_MILLIS; // a descriptor came free: the next failure starts the backoff afresh
        long now = System.nanoTime();
        if (now - lastFailureNanos >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
            long millis = TimeUnit.NANOSECONDS.toMillis(lastFailureNanos - failingSinceNanos);
            LOG.info(
                    "Accepting connections works again; it failed for {} ms, {} attempts in all",
                    millis,
                    failuresInRun);
            failingSinceNanos = 0;
            failuresInRun = 0;
        }
    }

    /** The counter's label for a failure: {@code EMFILE}, {@code ENFILE}, {@code ENOBUFS}, {@code ENOMEM}, or {@code other}. */
    static String kind(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("too many open files in system")) {
            return "ENFILE";
        } else if (message.contains("too many open files")) {
            return "EMFILE";
        } else if (message.contains("no buffer space")) {
            return "ENOBUFS";
        } else if (message.contains("cannot allocate memory")) {
            return "ENOMEM";
        }
        return "other";
    }

    private static String advice(String kind) {
        return switch (kind) {
            case "EMFILE" ->
                "This process is at its open-file limit: raise it (ulimit -n), or cap connections below it with --max-connections.";
            case "ENFILE" ->
                "The whole system is at its open-file limit (fs.file-max): raise it, or cap connections with --max-connections.";
            default -> "The kernel refused to hand over new connections for now.";
        };
    }
}
