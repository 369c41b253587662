package io.listlines.bench.scenario.startup;

import io.listlines.bench.model.StartupResult;
import io.listlines.bench.proc.Children;
import io.listlines.bench.proc.ServerProcess;
import io.listlines.bench.run.Harness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the programs take to start, run as a user runs them: through the launchers in
 * {@code bin/} (their JVM options, their class-data cache), on the Java the bench runs. Each
 * program runs twice unmeasured first (the launcher records its cache on the first run and makes it
 * on the next), then the plan's {@link io.listlines.bench.plan.Profile#startupRuns()} times measured: a server until it logs {@code Listening}, the
 * client for one whole session against a running Netty server, until it exits. The launchers run the
 * project's jars, not the run's snapshot of them.
 */
public final class StartupPhase {
    private static final int UNMEASURED = 2;
    private static final Duration CLIENT_LIMIT = Duration.ofSeconds(30);

    private final Harness harness;
    private final int runs;
    private final String javaHome;

    /** The phase as {@code harness}'s plan has it, the launchers those of the harness's project root. */
    public StartupPhase(Harness harness) {
        this.harness = harness;
        this.runs = harness.plan().profile().startupRuns();
        // JAVA_HOME makes the launcher take the bench's Java, which it tries first
        Path bin = Path.of(harness.java()).toAbsolutePath().getParent();
        this.javaHome =
                bin == null || bin.getParent() == null ? null : bin.getParent().toString();
    }

    public List<StartupResult> run() {
        List<StartupResult> results = new ArrayList<>();
        results.add(server("netty-server", List.of()));
        results.add(server("threaded-server", List.of("--model", "virtual")));
        results.add(client());
        return results;
    }

    private List<String> launcher(String program, List<String> args) {
        List<String> command = new ArrayList<>(List.of("env"));
        if (javaHome != null) {
            command.add("JAVA_HOME=" + javaHome);
        }
        command.add(harness.root().resolve("bin").resolve(program).toString());
        command.addAll(args);
        return command;
    }

    private List<String> serverArgs(List<String> modelArgs) {
        List<String> args = new ArrayList<>(modelArgs);
        args.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--quiet", "--grace", "1"));
        return args;
    }

    private StartupResult server(String program, List<String> modelArgs) {
        String what = "bin/" + program + " " + String.join(" ", serverArgs(modelArgs));
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < UNMEASURED + runs; i++) {
            long t0 = System.nanoTime();
            try (ServerProcess server = ServerProcess.start(
                    launcher(program, serverArgs(modelArgs)),
                    harness.logs().resolve("startup-" + program + "-" + (i + 1) + ".log"))) {
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                if (i >= UNMEASURED) {
                    millis.add(elapsed);
                }
            } catch (IOException e) {
                return StartupResult.failed(program, what, e.getMessage());
            }
            Children.sleep(300);
        }
        StartupResult result = StartupResult.of(program, what, "logs Listening", millis);
        harness.say(
                "startup: %s logs Listening in %d ms (median of %d: %s)", program, result.medianMillis(), runs, millis);
        return result;
    }

    private StartupResult client() {
        String program = "netty-client";
        String what = "bin/netty-client --host 127.0.0.1 --port PORT";
        List<Long> millis = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(
                launcher("netty-server", serverArgs(List.of())), harness.logs().resolve("startup-client-server.log"))) {
            for (int i = 0; i < UNMEASURED + runs; i++) {
                Path out = harness.logs().resolve("startup-netty-client-" + (i + 1) + ".out");
                List<String> command =
                        launcher(program, List.of("--host", "127.0.0.1", "--port", Integer.toString(server.port())));
                long t0 = System.nanoTime();
                Process p = Children.start(
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()));
                boolean ended = p.waitFor(CLIENT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                if (!ended) {
                    Children.kill(p);
                    return StartupResult.failed(
                            program, what, "a session did not end within " + CLIENT_LIMIT.toSeconds() + " s");
                }
                Children.reaped(p);
                if (p.exitValue() != 0) {
                    return StartupResult.failed(
                            program,
                            what,
                            "the client exited with status " + p.exitValue() + ": " + ServerProcess.tail(out));
                }
                if (i >= UNMEASURED) {
                    millis.add(elapsed);
                }
                Children.sleep(200);
            }
        } catch (IOException e) {
            return StartupResult.failed(program, what, "its server did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StartupResult.failed(program, what, "interrupted");
        }
        StartupResult result = StartupResult.of(program, what, "completes one session", millis);
        harness.say(
                "startup: %s completes one session in %d ms (median of %d: %s)",
                program, result.medianMillis(), runs, millis);
        return result;
    }
}
