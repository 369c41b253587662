package io.listlines.bench.model;

import java.util.List;
import java.util.Optional;

/**
 * The minimal C epoll server ({@code minimal_server.c}), the yardstick of the models' server CPU
 * and the floor of their memory: loaded by the same generator in the same bursts, in the same
 * rounds, and held at the same levels, but not a model, so it is in no comparison or target about
 * models. {@code burst} is one result per concurrency (its median round), as a model's;
 * {@code held} one per level; {@code note} says why it did not run, or what went wrong.
 */
public record CServerResult(
        Status status, String note, List<String> command, List<BurstResult> burst, List<HeldResult> held) {

    /** The yardstick did not run, for {@code why}. */
    public static CServerResult notMeasured(String why) {
        return new CServerResult(Status.NOT_MEASURED, why, List.of(), List.of(), List.of());
    }

    public CServerResult withHeld(List<HeldResult> levels) {
        return new CServerResult(status, note, command, burst, List.copyOf(levels));
    }

    /** Its burst at {@code concurrency}, if it ended well and its server used some CPU. */
    public Optional<BurstResult> measuredBurst(int concurrency) {
        return burst.stream()
                .filter(b -> b.concurrency() == concurrency && b.endedWell() && b.serverCpuSecondsPer1000Sessions() > 0)
                .findFirst();
    }
}
