package io.listlines.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A WARN line that clients can cause as often as they like (a refused connection, a protocol
 * error under {@code --quiet}), written at most once per {@value #INTERVAL_SECONDS} s for each
 * key, the next one saying how many were held back meanwhile. The counters still count every
 * one. Keys are few (a reason) or bounded (an address, at most {@value #MAX_KEYS} remembered).
 * Thread-safe.
 */
final class ThrottledLog {
    static final long INTERVAL_SECONDS = 10;
    static final int MAX_KEYS = 10_000;

    private final Logger log;
    private final long intervalNanos;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    /** When a key's current window began, and how many lines it has held back since. */
    private static final class Window {
        long startNanos;
        long heldBack;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    ThrottledLog(Logger log) {
        this(log, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    }

    ThrottledLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Logs the line now, or counts it held back if a line for {@code key} was logged within the
     * interval. The line is built only when it is written: a flood of held-back lines costs a count each.
     */
    void warn(Object key, Supplier<String> line) {
        long now = System.nanoTime();
        long heldBack;
        Window window = windows.get(key);
        if (window == null) {
            if (windows.size() >= MAX_KEYS) {
                windows.entrySet().removeIf(e -> now - e.getValue().startNanos >= intervalNanos);
            }
            window = windows.computeIfAbsent(key, k -> new Window(now - intervalNanos));
        }
        synchronized (window) {
            if (now - window.startNanos < intervalNanos) {
                window.heldBack++;
                return;
            }
            heldBack = window.heldBack;
            window.startNanos = now;
            window.heldBack = 0;
        }
        if (heldBack == 0) {
            log.warn(line.get());
        } else {
            log.warn("{} (and {} more like it since the last such line)", line.get(), heldBack);
        }
    }
}
