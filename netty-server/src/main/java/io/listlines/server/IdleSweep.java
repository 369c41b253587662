package io.listlines.server;

import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Ticker;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The {@code --idle-timeout}: closes a connection that made no progress for that long, neither a
 * byte read from the client nor a byte of the list taken by it. One sweep per event loop, every
 * {@link #periodNanos(long) period}, walks the sessions that loop serves, where an
 * {@code IdleStateHandler} per connection would cost a handler, its context and a scheduled task
 * for each (about 260 bytes, and 19,000 timers at 19,000 connections). A connection is closed
 * between the timeout and the timeout plus one period after its last progress. Each loop's sweep
 * starts at a random point of its period, so the loops do not sweep at once.
 */
final class IdleSweep {
    private final long timeoutNanos;
    private final long periodNanos;
    /** One watch list per event loop; a handful of entries, written once per loop. */
    private final Map<EventExecutor, Watchlist> byLoop = new ConcurrentHashMap<>();

    /** A sweep for {@code timeoutSeconds}, which must be at least 1. */
    IdleSweep(int timeoutSeconds) {
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.periodNanos = periodNanos(timeoutNanos);
    }

    /** A tenth of the timeout, at most a second: the close comes at most that late. */
    static long periodNanos(long timeoutNanos) {
        return Math.min(timeoutNanos / 10, TimeUnit.SECONDS.toNanos(1));
    }

    /** Starts watching {@code handler}, whose channel is active; on its event loop. */
    void watch(SessionHandler handler, EventExecutor loop) {
        Watchlist list = byLoop.computeIfAbsent(loop, Watchlist::new);
        list.add(handler);
    }

    /** The clock the sweep reads, the event loop's (an EmbeddedChannel's can be advanced in tests). */
    static Ticker ticker(EventExecutor loop) {
        return loop instanceof AbstractScheduledEventExecutor scheduled ? scheduled.ticker() : Ticker.systemTicker();
    }

    /**
     * The sessions of one event loop, in an array with no per-entry object: each handler knows its
     * slot, and leaving moves the last entry into it. Touched only by that loop's thread.
     */
    final class Watchlist implements Runnable {
        private final Ticker ticker;
        private SessionHandler[] handlers = new SessionHandler[64];
        private int size;

        private Watchlist(EventExecutor loop) {
            this.ticker = ticker(loop);
            long jitter = ThreadLocalRandom.current().nextLong(periodNanos);
            loop.scheduleAtFixedRate(this, periodNanos + jitter, periodNanos, TimeUnit.NANOSECONDS);
        }

        long now() {
            return ticker.nanoTime();
        }

        private void add(SessionHandler handler) {
            if (size == handlers.length) {
                handlers = Arrays.copyOf(handlers, size * 2);
            }
            handler.watched(this, size);
            handlers[size++] = handler;
        }

        void remove(SessionHandler handler, int slot) {
            SessionHandler last = handlers[--size];
            handlers[slot] = last;
            last.watched(this, slot);
            handlers[size] = null;
        }

        /**
         * Backwards, so that a session leaving during the sweep (its slot taken by the last, already
         * swept) skips none.
         */
        @Override
        public void run() {
            long now = now();
            for (int i = size - 1; i >= 0; i--) {
                SessionHandler handler = handlers[i];
                if (handler.outboundProgressed(outboundMark(handler.outboundBuffer()))) {
                    handler.progressAt(now);
                } else if (now - handler.lastProgress() >= timeoutNanos) {
                    handler.idle();
                }
            }
        }

        /**
         * What shows the list being taken: the bytes written of the message being flushed, while
         * any wait; -1 when nothing waits.
         */
        private static long outboundMark(ChannelOutboundBuffer buffer) {
            return buffer == null || buffer.totalPendingWriteBytes() == 0 ? -1 : buffer.currentProgress();
        }
    }
}
