package io.listlines.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters, the same for every model: connections accepted (refused ones included),
 * open now and rejected (over {@code --max-connections} or {@code --max-connections-per-address}), sessions complete, incomplete and cut at
 * shutdown, errors by kind, lines read, failed {@code accept()} calls by cause. {@link Admission} counts connections in; as a
 * {@link SessionListener} it counts what sessions do. Thread-safe and cheap enough for every
 * connection.
 */
public final class ServerStats implements SessionListener {
    private final LongAdder accepted = new LongAdder();
    private final AtomicLong open = new AtomicLong();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder complete = new LongAdder();
    private final LongAdder incomplete = new LongAdder();
    private final LongAdder cut = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final LongAdder proxyLocal = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> acceptErrors = new ConcurrentHashMap<>();

    /** Counts a connection taken from the listening socket, whether it is then admitted or not. */
    void countAccepted() {
        accepted.increment();
    }

    /** Counts an admitted connection open, unless {@code maxConnections} (0: no limit) already are: then false. */
    boolean tryOpen(int maxConnections) {
        while (true) {
            long now = open.get();
            if (maxConnections > 0 && now >= maxConnections) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Counts a connection refused, by the limit that refused it ({@code max_connections} ...). */
    void countRejected(String reason) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** Counts a connection ended by an error before it had a session (a bad PROXY header). */
    void countError(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    @Override
    public void line(ServerSession session, String line) {
        if (!session.isLocal()) {
            lines.increment();
        }
    }

    @Override
    public void closed(ServerSession session) {
        open.decrementAndGet();
        if (session.isLocal()) {
            proxyLocal.increment(); // the balancer's check, not a client's session
            return;
        }
        switch (session.outcome()) {
            case COMPLETE -> complete.increment();
            case INCOMPLETE -> incomplete.increment();
            case ERROR ->
                errors.computeIfAbsent(session.errorKind(), k -> new LongAdder())
                        .increment();
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

    /** Connections refused, by every limit. */
    public long rejected() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Connections refused by limit ({@code max_connections}, {@code max_connections_per_address}), sorted. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> sorted = new TreeMap<>();
        rejected.forEach((reason, count) -> sorted.put(reason, count.sum()));
        return sorted;
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

    /** PROXY protocol LOCAL connections served (a balancer's checks), not among the sessions. */
    public long proxyLocal() {
        return proxyLocal.sum();
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
                .append("accepted ")
                .append(accepted())
                .append(", open ")
                .append(open())
                .append(", complete ")
                .append(complete())
                .append(", incomplete ")
                .append(incomplete())
                .append(", rejected ")
                .append(rejected())
                .append(", cut ")
                .append(cut())
                .append(", errors ")
                .append(errorTotal());
        appendByKind(line, errors());
        line.append(", lines read ").append(lines());
        if (proxyLocal() > 0) {
            line.append(", proxy local ").append(proxyLocal());
        }
        Map<String, Long> accepts = acceptErrors();
        if (!accepts.isEmpty()) {
            line.append(", accept errors ")
                    .append(accepts.values().stream().mapToLong(Long::longValue).sum());
            appendByKind(line, accepts);
        }
        return line.toString();
    }

    /** {@code  (frame_too_long 2, idle_timeout 1)}, nothing for no counts. */
    private static void appendByKind(StringBuilder line, Map<String, Long> byKind) {
        if (!byKind.isEmpty()) {
            line.append(' ')
                    .append(byKind.toString()
                            .replace('{', '(')
                            .replace('}', ')')
                            .replace("=", " "));
        }
    }
}
