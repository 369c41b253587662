package io.listlines.bench.scenario.tls;

import io.listlines.bench.model.BurstResult;
import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.ModelResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.proc.ProcSampler;
import io.listlines.bench.proc.ServerGroup;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.Harness;
import io.listlines.bench.scenario.burst.BurstPhase;
import io.listlines.bench.scenario.held.HeldPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS scenario: every model with {@code --tls-cert/--tls-key}, and the reference Netty model once
 * with each provider (OpenSSL and the JDK's engine), loaded by the generator with {@code --tls}: a
 * burst of full sessions at concurrency 100, each a new handshake (the generator reports the
 * handshakes' own latency), then the held levels, each connection with a TLS engine of its own.
 * The certificate is a self-signed one made for the run by {@code openssl} (the scenario is skipped,
 * with a note, where it is missing), trusted by the generator through {@code --tls-ca}, naming
 * 127.0.0.1 so the hostname check passes. Each variant is reported as a model of its own, named
 * {@code MODEL over TLS} (with the provider for the reference's two).
 */
public final class TlsPhase {
    /** A warm-up or a held level's warm-up is this share of the plan's sessions: each costs a handshake. */
    public static final double WARM_UP_SHARE = 0.2;

    /**
     * New handshakes a second, at most, while a held level ramps in. The plan's slow clients (a line a
     * second) would ask 1,995 a second to reach 19,000, more than any engine here keeps up with beside the
     * generator's own handshakes (at concurrency 100: about 1,300 with OpenSSL, 650 to 850 with the JDK's),
     * and the level would measure handshake throughput, which the burst already does. So a level's clients
     * think longer, as many as it takes to stay under this rate.
     */
    public static final int HELD_HANDSHAKES_PER_SECOND = 400;

    private final Harness harness;
    private final Path dir;
    private final Plan plan;

    public TlsPhase(Harness harness, Path dir) {
        this.harness = harness;
        this.dir = dir;
        this.plan = harness.plan();
    }

    /** One server configuration the scenario runs: a model, with a provider or the server's own choice (null). */
    public record Variant(ServerModel model, String provider) {
        /** What follows the model's name in a variant's. */
        public String name() {
            return model.name() + ModelResult.TLS_SUFFIX + (provider == null ? "" : " (" + provider + ")");
        }

        /** For file names: {@code tls-netty-io_uring-openssl}. */
        public String logName() {
            return "tls-" + model.name() + (provider == null ? "" : "-" + provider);
        }
    }

    /**
     * The variants for {@code models}: each once, the reference Netty model with each provider; without
     * {@code everyVariant} (the quick run's) only the reference with OpenSSL (what its {@code auto} picks here),
     * a smoke test of the path.
     */
    public static List<Variant> variants(List<ServerModel> models, ServerModel reference, boolean everyVariant) {
        List<Variant> variants = new ArrayList<>();
        for (ServerModel model : models) {
            if (model.equals(reference)) {
                variants.add(new Variant(model, "openssl"));
                if (everyVariant) {
                    variants.add(new Variant(model, "jdk"));
                }
            } else if (everyVariant) {
                variants.add(new Variant(model, null));
            }
        }
        return variants;
    }

    /** Every variant's burst and held levels; empty, with a note, when no certificate could be made. */
    public List<ModelResult> run(List<ServerModel> models, ServerModel reference) {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        String problem = makeCertificate(cert, key);
        if (problem != null) {
            harness.say("tls: skipped, %s", problem);
            harness.note("The TLS scenario did not run: " + problem + ".");
            return List.of();
        }
        List<String> generatorFlags = List.of("--tls", "--tls-ca", cert.toString());
        List<ModelResult> results = new ArrayList<>();
        for (Variant v : variants(models, reference, plan.profile().tlsEveryVariant())) {
            List<String> serverFlags =
                    new ArrayList<>(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()));
            if (v.provider() != null) {
                serverFlags.addAll(List.of("--tls-provider", v.provider()));
            }
            String unavailable = harness.unavailable(v.model());
            if (unavailable != null) {
                results.add(ModelResult.unavailable(v.name(), v.model(), unavailable, List.of()));
                continue;
            }
            BurstResult burst = burst(v, serverFlags, generatorFlags);
            // a quick run holds its first level only: a smoke test of the path, in seconds
            List<Integer> levels = plan.profile().tlsAllHeldLevels()
                    ? plan.heldLevels()
                    : plan.heldLevels().subList(0, 1);
            List<HeldResult> held = new HeldPhase(
                            harness, generatorFlags, WARM_UP_SHARE, levels, level -> heldPlan(plan, level))
                    .run(v.logName(), logName -> ServerGroup.of(harness.start(v.model(), logName, serverFlags)));
            results.add(new ModelResult(
                    v.name(),
                    v.model().kind().toString(),
                    v.model().description() + ", over TLS"
                            + (v.provider() == null ? "" : " with the " + v.provider() + " provider"),
                    true,
                    null,
                    serverFlags,
                    List.of(burst),
                    held,
                    List.of()));
        }
        return results;
    }

    /** The variant's burst at concurrency 100 on a server of its own, warmed up first (by the generator, over TLS). */
    private BurstResult burst(Variant v, List<String> serverFlags, List<String> generatorFlags) {
        ServerProcess server;
        try {
            server = harness.start(v.model(), v.logName() + "-server-burst.log", serverFlags);
        } catch (IOException e) {
            harness.say("%s: the server did not start: %s", v.name(), e.getMessage());
            return BurstResult.of(
                    100,
                    plan.burstSessions(),
                    Run.serverDown("the server did not start: " + e.getMessage(), ProcSampler.loadAverage()));
        }
        try {
            harness.warmUp(
                    v.logName(),
                    server.port(),
                    Math.max(1, Math.round(plan.serverWarmupSessions() * WARM_UP_SHARE)),
                    100,
                    "burst",
                    generatorFlags);
            return BurstPhase.burst(
                    harness, v.logName(), server.pid(), server.port(), 100, 1, burstSessions(plan), generatorFlags);
        } finally {
            harness.stop(v.name(), server);
        }
    }

    /**
     * The plan a TLS level is held under: the run's, with the think time stretched (in steps of 100 ms) so
     * that its ramp opens at most {@link #HELD_HANDSHAKES_PER_SECOND}; the run's as it is without a ramp (a
     * quick run opens a level at once).
     */
    public static Plan heldPlan(Plan plan, int level) {
        if (!plan.heldRamp() || plan.heldRate(level) <= HELD_HANDSHAKES_PER_SECOND) {
            return plan;
        }
        int think = plan.thinkMillis();
        while (plan.with(null, null, think, null).heldRate(level) > HELD_HANDSHAKES_PER_SECOND) {
            think += 100;
        }
        return plan.with(null, null, think, null);
    }

    /**
     * Sessions in a TLS burst: the warm-up's share of the plan's, each a handshake (10,000 of the full plan's
     * 50,000, some 15 s at these rates, enough for a steady figure).
     */
    public static long burstSessions(Plan plan) {
        return Math.max(1, Math.round(plan.burstSessions() * WARM_UP_SHARE));
    }

    /**
     * A self-signed RSA certificate for 127.0.0.1 and localhost and its unencrypted PKCS#8 key, as the
     * README's one {@code openssl} command makes them; null, or what went wrong.
     */
    public static String makeCertificate(Path cert, Path key) {
        try {
            Files.createDirectories(cert.getParent());
            Process p = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-keyout",
                            key.toString(),
                            "-out",
                            cert.toString(),
                            "-days",
                            "7",
                            "-subj",
                            "/CN=localhost",
                            "-addext",
                            "subjectAltName=IP:127.0.0.1,DNS:localhost")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "openssl did not make a certificate within 30 s";
            }
            return p.exitValue() == 0
                    ? null
                    : "openssl could not make a certificate: "
                            + output.strip().lines().reduce((a, b) -> b).orElse("status " + p.exitValue());
        } catch (IOException e) {
            return "openssl is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while openssl made a certificate";
        }
    }
}
