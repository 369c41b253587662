package io.listlines.bench.model;

import java.util.List;

public record ModelResult(
        String name,
        String kind,
        String description,
        boolean available,
        String unavailableReason,
        List<String> command,
        List<BurstResult> burst,
        List<HeldResult> held,
        List<RateResult> offered) {
    /** What a TLS variant's name adds to its model's: {@code netty-epoll over TLS (OpenSSL)}. */
    public static final String TLS_SUFFIX = " over TLS";

    /** {@code model} listed under {@code name} but not run: this machine lacks its transport or jar ({@code reason}). */
    public static ModelResult unavailable(String name, ServerModel model, String reason, List<String> command) {
        return new ModelResult(
                name,
                model.kind().toString(),
                model.description(),
                false,
                reason,
                command,
                List.of(),
                List.of(),
                List.of());
    }
}
