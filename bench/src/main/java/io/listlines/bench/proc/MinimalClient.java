package io.listlines.bench.proc;

import io.listlines.bench.model.CClientRun;
import io.listlines.bench.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The minimal single-threaded epoll client in C ({@code src/main/c/minimal_client.c}, shipped in the
 * jar): the yardstick the load generator is held against. Compiled with {@code gcc -O2} at run time
 * ({@link CProgram}).
 */
public final class MinimalClient {

    /** The C client's line of JSON, as {@code minimal_client.c} prints it: every field must be there. */
    private record Printed(long completed, long failed, double elapsedSeconds, double sessionsPerSecond) {}

    private MinimalClient() {}

    /**
     * Compiles the client into {@code dir}.
     *
     * @return the executable
     * @throws IOException with a one-line reason if there is no gcc or it fails
     */
    public static Path compile(Path dir) throws IOException {
        return CProgram.compile("minimal_client", dir);
    }

    /** Runs {@code sessions} sessions, {@code concurrency} at a time, against 127.0.0.1:port. */
    public static CClientRun run(
            Path exe, int port, long sessions, int concurrency, int timeoutSeconds, Duration limit, Path log) {
        try {
            Process process = Children.start(new ProcessBuilder(
                            exe.toString(),
                            "127.0.0.1",
                            Integer.toString(port),
                            Long.toString(sessions),
                            Integer.toString(concurrency),
                            Integer.toString(timeoutSeconds))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                Children.stop(process, Duration.ofSeconds(2));
                return new CClientRun(
                        0, 0, 0, 0, "the C client overran its limit of " + limit.toSeconds() + " s and was killed");
            }
            Children.reaped(process);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines.reversed()) {
                if (line.startsWith("{")) {
                    Printed printed = Json.read(line, Printed.class, "the C client's result");
                    return new CClientRun(
                            printed.completed(),
                            printed.failed(),
                            printed.elapsedSeconds(),
                            printed.sessionsPerSecond(),
                            process.exitValue() == 0 ? null : "the C client exited with status " + process.exitValue());
                }
            }
            return new CClientRun(
                    0,
                    0,
                    0,
                    0,
                    "the C client printed no result (status " + process.exitValue() + "): " + ServerProcess.tail(log));
        } catch (IOException e) {
            return new CClientRun(0, 0, 0, 0, "the C client failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CClientRun(0, 0, 0, 0, "interrupted");
        }
    }
}
