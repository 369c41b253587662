package io.listlines.e2e.kit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.testing.TestTier;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the end-to-end tests start: its output (standard error merged in) read line by line as it comes, waited
 * for by content, signalled, and killed when the test is done with it. {@link #run} is the short form for a process
 * that is only run to its end.
 */
public final class ChildProcess implements AutoCloseable {
    /** How long {@link #await} waits for a line, and {@link #wholeOutput} for the exit. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The lines {@link #await} has gone through so far. */
    private final List<String> seen = new ArrayList<>();

    private final Thread reader;

    private ChildProcess(Process process) {
        this.process = process;
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
    }

    /** Starts {@code command}, its standard error merged into its output. */
    public static ChildProcess start(List<String> command) throws IOException {
        return start(new ProcessBuilder(command));
    }

    /**
     * Starts {@code builder}'s command (a directory or environment of its own), standard error merged in unless the
     * builder sends it elsewhere.
     */
    public static ChildProcess start(ProcessBuilder builder) throws IOException {
        if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectErrorStream(true);
        }
        return new ChildProcess(builder.start());
    }

    /** What a process run to its end did: its exit status and all it wrote, standard error merged in. */
    public record Finished(int status, String output) {}

    /** Runs {@code command} to its end, at most {@code timeout} (failing the test if it takes longer). */
    public static Finished run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), timeout);
    }

    /** Runs {@code builder}'s command to its end, at most {@code timeout}. */
    public static Finished run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        try (ChildProcess child = start(builder)) {
            List<String> output = child.wholeOutput(timeout);
            return new Finished(child.process.exitValue(), String.join(System.lineSeparator(), output));
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** The lines {@link #await} has gone through so far, in order. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    /** Every line it has written so far, whether or not {@link #await} went through it (it goes on after them). */
    public String outputSoFar() {
        lines.drainTo(seen);
        return String.join("\n", seen);
    }

    /** The next line that contains {@code fragment}; fails after 20 s without one, quoting the lines seen. */
    public String await(String fragment) throws InterruptedException {
        return await(line -> line.contains(fragment), "containing '" + fragment + "'");
    }

    /** The next line that {@code wanted} accepts, going through (and keeping) the lines before it. */
    public String await(Predicate<String> wanted, String what) throws InterruptedException {
        return await(wanted, what, PATIENCE);
    }

    /** As {@link #await(String)}, waiting up to {@code patience} for each line instead of 20 s. */
    public String await(String fragment, Duration patience) throws InterruptedException {
        return await(line -> line.contains(fragment), "containing '" + fragment + "'", patience);
    }

    private String await(Predicate<String> wanted, String what, Duration patience) throws InterruptedException {
        while (true) {
            String line = lines.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line " + what + " within " + patience.toSeconds() + " s; saw " + seen);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Everything the process wrote, once it has exited within 20 s: the lines already seen and the rest. */
    public List<String> wholeOutput() throws InterruptedException {
        return wholeOutput(PATIENCE);
    }

    private List<String> wholeOutput(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the process exits: " + command());
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(!reader.isAlive(), "the end of the process's output is read");
        lines.drainTo(seen);
        return List.copyOf(seen);
    }

    /** Its exit status, once it has exited within 20 s. */
    public int exitStatus() throws InterruptedException {
        assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the process exits: " + command());
        return process.exitValue();
    }

    /** Sends a signal with kill(1): Process.destroy() was seen not to reach the child under surefire here. */
    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** Kills it if it still runs. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            signal("KILL");
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String command() {
        return process.info().commandLine().orElse("pid " + process.pid());
    }

    /** The JVM running these tests, to start others like it. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * A program the test needs, found as {@link #program} finds it; if it is missing the test is skipped with
     * {@code missing} as the reason, or fails under -Pfull ({@link TestTier#requirePrerequisite}).
     */
    public static String requireProgram(String name, String missing) {
        String path = program(name);
        TestTier.requirePrerequisite(path != null, missing);
        return path;
    }

    /** A program on the {@code PATH} (or in /usr/sbin or /sbin, where Debian puts haproxy and ip), or null. */
    public static String program(String name) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            File candidate = new File(dir, name);
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }
}
