package io.listlines.bench;

import io.listlines.runtime.ListeningLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The minimal single-threaded epoll server in C ({@code src/main/c/minimal_server.c}, shipped in the
 * jar), running: the CPU yardstick the server models are held against, as it costs a session when
 * nothing but the protocol runs. Compiled with {@code gcc -O2} at run time ({@link CProgram}),
 * started on 127.0.0.1 and an ephemeral port like a model's server ({@link ServerProcess}: the port
 * from its {@link ListeningLine}, its output in a log, stopped by SIGTERM then SIGKILL, always reaped),
 * but as a plain command rather than a JVM.
 */
final class MinimalServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Integer exitStatus;

    private MinimalServer(Process process, int port, List<String> command, Path log) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /**
     * Compiles the server into {@code dir}.
     *
     * @return the executable
     * @throws IOException with a one-line reason if there is no gcc or it fails
     */
    static Path compile(Path dir) throws IOException {
        return CProgram.compile("minimal_server", dir);
    }

    /** The command that starts {@code exe} on loopback and an ephemeral port. */
    static List<String> command(Path exe) {
        return List.of(exe.toString(), "127.0.0.1", "0");
    }

    /**
     * Starts {@code exe}, copying its output to {@code log}, and waits for it to listen.
     *
     * @throws IOException with the reason (and the log's tail) if it does not listen in time
     */
    static MinimalServer start(Path exe, Path log) throws IOException {
        List<String> command = command(exe);
        Files.createDirectories(log.getParent());
        Process process = Children.start(new ProcessBuilder(command).redirectErrorStream(true));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Writer out = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        out.write("# " + String.join(" ", command) + "\n");
        Thread.ofPlatform()
                .daemon(true)
                .name("c-server-output-" + process.pid())
                .start(() -> {
                    try (BufferedReader in = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            Writer w = out) {
                        for (String line; (line = in.readLine()) != null; ) {
                            w.write(line);
                            w.write('\n');
                            w.flush();
                            ListeningLine.find(line).ifPresent(l -> listening.complete(l.port()));
                        }
                    } catch (IOException e) {
                        // the process went away
                    } finally {
                        listening.completeExceptionally(new IOException("the C server exited before listening"));
                    }
                });
        try {
            return new MinimalServer(
                    process, listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), command, log);
        } catch (ExecutionException | TimeoutException e) {
            Children.kill(process);
            String why = e instanceof TimeoutException
                    ? "did not print 'Listening on' within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited before listening";
            throw new IOException("the C server " + why + ": " + ServerProcess.tail(log));
        } catch (InterruptedException e) {
            Children.kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the C server started");
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    List<String> command() {
        return command;
    }

    /** SIGTERM, a grace, SIGKILL; returns the exit status (0 is a clean stop), -1 if not reaped. */
    int stop() {
        if (exitStatus == null) {
            exitStatus = Children.stop(process, STOP_GRACE);
        }
        return exitStatus;
    }

    @Override
    public void close() {
        stop();
    }
}
