package io.listlines.bench.model;

import java.util.List;
import java.util.Optional;

/**
 * A yardstick the models are measured against, loaded by the same generator in the same bursts, in
 * the same rounds, and held at the same levels, but not a model, so it is in no comparison or target
 * as one: the minimal C epoll server ({@code minimal_server.c}; {@code transport} null), the floor of
 * the models' server CPU and memory, or bare Netty ({@code bare-netty.jar}) on {@code transport}, what
 * Netty alone costs with netty-server's JVM options. {@code burst} is one result per concurrency (its
 * median round), as a model's; {@code held} one per level; {@code note} says why it did not run, or
 * what went wrong.
 */
public record YardstickResult(
        String transport,
        Status status,
        String note,
        List<String> command,
        List<BurstResult> burst,
        List<HeldResult> held) {

    /** The minimal C server's name in progress lines, log files and tables. */
    public static final String C_SERVER = "c-server";

    /** The C server's result that did not run, for {@code why}. */
    public static YardstickResult notMeasured(String why) {
        return notMeasured(null, why);
    }

    /** A yardstick on {@code transport} (null: the C server) that did not run, for {@code why}. */
    public static YardstickResult notMeasured(String transport, String why) {
        return new YardstickResult(transport, Status.NOT_MEASURED, why, List.of(), List.of(), List.of());
    }

    /** Bare Netty's name on {@code transport}: {@code bare-netty-epoll} ... */
    public static String bareNettyName(String transport) {
        return "bare-netty-" + transport;
    }

    /** Its name: {@link #nameOf(String)} its transport. */
    public String name() {
        return nameOf(transport);
    }

    /** The name of the yardstick on {@code transport}: {@link #C_SERVER} for null, else {@link #bareNettyName}. */
    public static String nameOf(String transport) {
        return transport == null ? C_SERVER : bareNettyName(transport);
    }

    public YardstickResult withHeld(List<HeldResult> levels) {
        return new YardstickResult(transport, status, note, command, burst, List.copyOf(levels));
    }

    /** Its burst at {@code concurrency}, if it ended well and its server used some CPU. */
    public Optional<BurstResult> measuredBurst(int concurrency) {
        return burst.stream()
                .filter(b -> b.concurrency() == concurrency && b.endedWell() && b.serverCpuSecondsPer1000Sessions() > 0)
                .findFirst();
    }

    /** Its level {@code level}, if every client of it was held. */
    public Optional<HeldResult> heldLevel(int level) {
        return held.stream().filter(h -> h.level() == level && h.heldAll()).findFirst();
    }

    /**
     * A server's CPU per 1,000 sessions in {@code model}'s burst over this yardstick's at the same
     * concurrency, to three decimals; 0 if either did not end well or used no CPU.
     */
    public double cpuMultiple(BurstResult model) {
        if (!model.endedWell() || model.serverCpuSecondsPer1000Sessions() <= 0) {
            return 0;
        }
        return measuredBurst(model.concurrency())
                .map(y -> Run.round3(model.serverCpuSecondsPer1000Sessions() / y.serverCpuSecondsPer1000Sessions()))
                .orElse(0.0);
    }

    /**
     * A server's RSS per held connection at {@code model}'s level over this yardstick's, to three
     * decimals; 0 if either did not hold every client or its figure is not above 0.
     */
    public double rssMultiple(HeldResult model) {
        if (!model.heldAll() || model.rssPerConnectionBytes() <= 0) {
            return 0;
        }
        return heldLevel(model.level())
                .filter(y -> y.rssPerConnectionBytes() > 0)
                .map(y -> Run.round3(model.rssPerConnectionBytes() / y.rssPerConnectionBytes()))
                .orElse(0.0);
    }
}
