package io.listlines.bench.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load generator's command line for one run ({@code netty-client load ...}), in one place for every
 * phase: each flag named once here, given only when the run sets it.
 */
public final class LoadArgs {
    private final List<String> args = new ArrayList<>();

    private LoadArgs(String target) {
        add("--target", target);
    }

    /** A run against {@code target} (host:port). */
    public static LoadArgs against(String target) {
        return new LoadArgs(target);
    }

    /** Sessions to run in all (0: as many as the duration allows). */
    public LoadArgs sessions(long n) {
        return add("--sessions", Long.toString(n));
    }

    public LoadArgs concurrency(int c) {
        return add("--concurrency", Integer.toString(c));
    }

    /** New sessions a second, open loop; 0 leaves the generator closed-loop. */
    public LoadArgs rate(double perSecond) {
        return perSecond > 0 ? add("--rate", String.format(Locale.ROOT, "%.0f", perSecond)) : this;
    }

    public LoadArgs timeout(int seconds) {
        return add("--timeout", Integer.toString(seconds));
    }

    /** Stop starting sessions after this many seconds (the generator's warm-up included). */
    public LoadArgs duration(int seconds) {
        return add("--duration", Integer.toString(seconds));
    }

    /** Seconds of sessions run first and not counted; none when 0. */
    public LoadArgs warmup(int seconds) {
        return seconds > 0 ? add("--warmup", Integer.toString(seconds)) : this;
    }

    /** Slow clients held in session, {@code thinkMillis} before each line. */
    public LoadArgs hold(int thinkMillis) {
        args.add("--hold");
        return add("--think", Integer.toString(thinkMillis));
    }

    /** Source addresses, used round-robin. */
    public LoadArgs bind(List<String> sources) {
        sources.forEach(source -> add("--bind", source));
        return this;
    }

    /** Flags of a scenario's own, as the generator spells them (TLS: {@code --tls --tls-ca FILE}). */
    public LoadArgs extra(List<String> flags) {
        args.addAll(flags);
        return this;
    }

    /** The wire format, {@code framed} (the generator's default, not given) or {@code raw}. */
    public LoadArgs framing(String framing) {
        return framing.equals("framed") ? this : add("--framing", framing);
    }

    public LoadArgs noProgress() {
        args.add("--no-progress");
        return this;
    }

    public List<String> toList() {
        return List.copyOf(args);
    }

    private LoadArgs add(String flag, String value) {
        args.add(flag);
        args.add(value);
        return this;
    }

    /** A server on loopback as the generator's target: {@code 127.0.0.1:PORT}. */
    public static String target(int port) {
        return "127.0.0.1:" + port;
    }
}
