package io.listlines.core;

import io.listlines.protocol.Lines;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters, the same for every model: connections accepted (refused ones included),
 * open now and rejected (over {@code --max-connections}), sessions complete, incomplete and cut at
 * shutdown, errors by kind, lines read, failed {@code accept()} calls by cause. {@link Admission} counts connections in; as a
 * {@link SessionListener} it counts what sessions do. Thread-safe and cheap enough for every
 * connection.
 */
public final class ServerStats implements SessionListener {
    private final LongAdder accepted = new LongAdder();
    private final AtomicLong open = new AtomicLong();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder complete = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final LongAdder cut = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acceptErrors = new ConcurrentHashMap<>();

    /**
     * Counts a new connection in, unless {@code maxConnections} (0: no limit) are open: then counts
     * it rejected and returns false.
     */
    boolean admit(int maxConnections) {
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

    @Override
    public void line(ServerSession session, String line) {
        lines.increment();
    }

    @Override
    public void closed(ServerSession session) {
        open.decrementAndGet();
        switch (session.outcome()) {
            case COMPLETE -> complete.increment();
            case INCOMPLETE -> incomplete.increment();
            case ERROR -> errors.computeIfAbsent(session.errorKind(), k -> new LongAdder()).increment();
        }
    }

    /** Counts one failed accept() by cause ({@link AcceptFailures}). */
    public void acceptError(String cause) {
        acceptErrors.computeIfAbsent(cause, k -> new LongAdder()).increment();
    }

    /** Failed accept() calls by cause ({@code EMFILE} ...), sorted by cause. */
    public Map<String, Long> acceptErrors() {
        Map<String, Long> sorted = new TreeMap<>();
        acceptErrors.forEach((cause, count) -> sorted.put(cause, count.sum()));
        return sorted;
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

    /** One line for the log: {@code accepted 12, open 1, complete 9, ...}. */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append("accepted ").append(accepted()).append(", open ").append(open())
                .append(", complete ").append(complete()).append(", incomplete ").append(incomplete())
                .append(", rejected ").append(rejected()).append(", cut ").append(cut())
                .append(", errors ").append(errorTotal());
        appendByKind(line, errors());
        line.append(", lines read ").append(lines());
        Map<String, Long> accepts = acceptErrors();
        if (!accepts.isEmpty()) {
            line.append(", accept errors ").append(accepts.values().stream().mapToLong(Long::longValue).sum());
            appendByKind(line, accepts);
        }
        return line.toString();
    }

    /** {@code  (frame_too_long 2, idle_timeout 1)}, nothing for no counts. */
    private static void appendByKind(StringBuilder line, Map<String, Long> byKind) {
        if (!byKind.isEmpty()) {
            line.append(' ').append(byKind.toString().replace('{', '(').replace('}', ')').replace("=", " "));
        }
    }
}
