package io.listlines.bench.proc;

import io.listlines.bench.model.ServerModel;
import io.listlines.process.ListeningLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server model running in its own JVM, and how the bench starts one (its jar, JVM options and
 * flags): started with {@code --port 0}, its port read from the
 * {@code Listening on HOST:PORT} line ({@link ListeningLine}), its output copied to a log file, stopped by SIGTERM (then
 * SIGKILL) and always reaped.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** The servers get --grace 2; a little more before SIGKILL. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(6);

    private final Process process;
    private final int port;
    private final List<String> command;
    private final Path log;
    private Integer exitStatus;

    private ServerProcess(Process process, int port, List<String> command, Path log) {
        this.process = process;
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /** Where the server's output goes. */
    public Path log() {
        return log;
    }

    /**
     * Starts {@code java -jar JAR ARGS}, copying its output to {@code log}, and waits for it to listen.
     *
     * @throws IOException with the reason (and the log's tail) if it does not listen in time
     */
    public static ServerProcess start(String java, Path jar, List<String> args, Path log) throws IOException {
        return start(java, List.of(), jar, args, log);
    }

    /** As {@link #start(String, Path, List, Path)}, with JVM options before {@code -jar}. */
    public static ServerProcess start(String java, List<String> jvmOptions, Path jar, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return start(command, log);
    }

    /** As {@link #start(String, Path, List, Path)}, for any command that prints the same listening line. */
    public static ServerProcess start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = Children.start(new ProcessBuilder(command).redirectErrorStream(true));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Writer out = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        out.write("# " + String.join(" ", command) + "\n");
        Thread.ofPlatform().daemon(true).name("server-output-" + process.pid()).start(() -> {
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer w = out) {
                for (String line; (line = in.readLine()) != null; ) {
                    w.write(line);
                    w.write('\n');
                    // Flushed once the server's output is drained, not per line: a server logging every session
                    // (twelve lines each) writes a hundred thousand lines a second or more in a burst, and a
                    // write call each would take the bench a core of the two that run the measurement.
                    if (!in.ready()) {
                        w.flush();
                    }
                    if (!listening.isDone()) {
                        ListeningLine.find(line).ifPresent(l -> listening.complete(l.port()));
                    }
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                listening.completeExceptionally(new IOException("the server exited before listening"));
            }
        });
        try {
            int port = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, port, command, log);
        } catch (ExecutionException | TimeoutException e) {
            Children.kill(process);
            String why = e instanceof TimeoutException
                    ? "did not log 'Listening on' within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited (status " + exitValue(process) + ") before listening";
            throw new IOException("server " + why + ": " + tail(log));
        } catch (InterruptedException e) {
            Children.kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started");
        }
    }

    private static String exitValue(Process process) {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "?";
        }
    }

    /** The jar a model runs from, built by the project under {@code root}. */
    public static Path jar(Path root, ServerModel model) {
        return model.isNetty()
                ? root.resolve("netty-server/target/netty-server.jar")
                : root.resolve("threaded-server/target/threaded-server.jar");
    }

    /** The program whose launcher ({@code bin/PROGRAM}) runs the model. */
    public static String program(ServerModel model) {
        return model.isNetty() ? "netty-server" : "threaded-server";
    }

    /**
     * The JVM options a program's launcher ships ({@code bin/jvm/PROGRAM.options}, for the Java
     * the bench runs and for the program's arguments {@code programArgs}: a line may apply only with a
     * flag, as the TLS heap does), read by the launcher's own code ({@code listlines_jvm_options} in
     * {@code bin/lib/launch.sh}), so the bench runs every model, and the load generator, as a user's
     * {@code bin/} script does and the two cannot drift apart.
     *
     * @throws IOException if the launcher's code cannot be run
     */
    public static List<String> launcherOptions(Path root, String program, List<String> programArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "source \"$1/bin/lib/launch.sh\" && listlines_jvm_options \"$2\" \"$3\" \"${@:4}\"",
                "launcher-options",
                root.toString(),
                program,
                Integer.toString(Runtime.version().feature())));
        command.addAll(programArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("cannot read " + program + "'s launcher options: " + output.strip());
            }
            return output.lines().filter(l -> !l.isBlank()).toList();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + program + "'s launcher options");
        }
    }

    /** The server's command line after {@code java -jar JAR}: the model's flags, on loopback, a free port, quiet. */
    public static List<String> arguments(ServerModel model, int idleTimeoutSeconds) {
        return arguments(model, idleTimeoutSeconds, 0, false);
    }

    /** As {@link #arguments(ServerModel, int)}, on {@code port} (0: a free one), sharing it with {@code --reuse-port}. */
    public static List<String> arguments(ServerModel model, int idleTimeoutSeconds, int port, boolean reusePort) {
        List<String> args = new ArrayList<>();
        if (!model.isNetty()) {
            args.addAll(List.of("--model", model.threadedModel()));
        }
        args.addAll(List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--quiet",
                "--grace",
                "2",
                "--idle-timeout",
                Integer.toString(idleTimeoutSeconds)));
        if (model.isNetty()) {
            args.addAll(List.of("--transport", model.transport().toString()));
        }
        if (model.poolThreads() > 0) {
            args.addAll(List.of("--threads", Integer.toString(model.poolThreads())));
        }
        if (reusePort) {
            args.add("--reuse-port");
        }
        return args;
    }

    /** The last few lines of a log, on one line, for error messages. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()))
                    .strip();
        } catch (IOException | RuntimeException e) {
            return "(no log)";
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> command() {
        return command;
    }

    /** SIGTERM, a grace, SIGKILL; returns the exit status (0 is a clean stop), -1 if not reaped. */
    public int stop() {
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
