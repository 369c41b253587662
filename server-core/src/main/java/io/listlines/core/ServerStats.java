package io.listlines.core;

import io.listlines.protocol.Lines;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters, the same for every model: connections accepted, open now and rejected
 * (over {@code --max-connections}), sessions complete, incomplete and cut at shutdown, errors by
 * kind, lines read, failed {@code accept()} calls by cause. Thread-safe and cheap enough for every
 * connection.
 */
public final class ServerStats {
    private final int maxConnections;
    private final LongAdder accepted = new LongAdder();
    private final AtomicLong open = new AtomicLong();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder complete = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final LongAdder cut = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acceptErrors = new ConcurrentHashMap<>();

    /** @param maxConnections connections open at once before new ones are refused; 0 for no limit */
    public ServerStats(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Counts a new connection in, unless the server is full: then counts it rejected and returns false. */
    boolean admit() {
        accepted.increment();
        while (true) {
            long now = open.get();
            if (maxConnections > 0 && now >= maxConnections) {
                rejected.increment();
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void line() {
        lines.increment();
    }

    void closed(ServerSession.Outcome outcome, String errorKind) {
        open.decrementAndGet();
        switch (outcome) {
            case COMPLETE -> complete.increment();
            case INCOMPLETE -> incomplete.increment();
            case ERROR -> errors.computeIfAbsent(errorKind, k -> new LongAdder()).increment();
        }
    }

    /** Sessions still open when the grace period ran out, closed by the server. */
    public void cut(long sessions) {
        cut.add(sessions);
    }

    public long accepted() {
        return accepted.sum();
    }

    public long open() {
        return open.get();
    }

    public long rejected() {
        return rejected.sum();
    }

    public long complete() {
        return complete.sum();
    }

    public long incomplete() {
        return incomplete.sum();
    }

    public long cut() {
        return cut.sum();
    }

    public long lines() {
        return lines.sum();
    }

    /** Errors by kind, sorted by kind. */
    public Map<String, Long> errors() {
        Map<String, Long> sorted = new TreeMap<>();
        errors.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }

    public long errorTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** One failed {@code accept()} on the listening socket, by cause ({@code EMFILE}, ...); the server goes on. */
    public void acceptError(String cause) {
        acceptErrors.computeIfAbsent(cause, k -> new LongAdder()).increment();
    }

    /** Failed {@code accept()} calls by cause, sorted by cause. */
    public Map<String, Long> acceptErrors() {
        Map<String, Long> sorted = new TreeMap<>();
        acceptErrors.forEach((cause, count) -> sorted.put(cause, count.sum()));
        return sorted;
    }

    /** One line for the log: {@code accepted 12, open 1, complete 9, ...}. */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append("accepted ").append(accepted()).append(", open ").append(open())
                .append(", complete ").append(complete()).append(", incomplete ").append(incomplete())
                .append(", rejected ").append(rejected()).append(", cut ").append(cut())
                .append(", errors ").append(errorTotal());
        Map<String, Long> byKind = errors();
        if (!byKind.isEmpty()) {
            line.append(' ').append(byKind.toString().replace('{', '(').replace('}', ')').replace("=", " "));
        }
        return line.append(", lines read ").append(lines()).toString();
    }
}
