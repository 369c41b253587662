package io.listlines.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.listlines.process.ListeningLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An unpacked release tree (the archive's, or an image's {@code /opt/listlines}) and what it takes to run its
 * programs as on a machine without Java: an environment whose {@code PATH} holds only the few tools the launchers
 * use (this machine's {@code /usr/bin} has a java), no {@code JAVA_HOME}, and no JDK directory to scan.
 */
final class ReleaseTree {
    /** What the launchers (bin/lib/launch.sh) run besides bash's builtins. */
    private static final List<String> TOOLS = List.of("bash", "dirname", "basename", "readlink", "mv", "rm", "env");

    final Path root;
    private final Map<String, String> environment;

    ReleaseTree(Path root, Path scratch) throws IOException {
        this.root = root;
        Path tools = Files.createDirectories(scratch.resolve("tools"));
        for (String tool : TOOLS) {
            Path real = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + tool + " on this machine"));
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Path noJdks = Files.createDirectories(scratch.resolve("no-jdks"));
        environment =
                Map.of("PATH", tools.toString(), "LISTLINES_JVM_DIR", noJdks.toString(), "HOME", scratch.toString());
    }

    /** Unpacks a .tar.gz (or, with {@code gzip} false, a plain tar) into {@code into}. */
    static void untar(Path archive, Path into, boolean gzip) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Process tar = new ProcessBuilder(
                        "tar",
                        "--warning=no-unknown-keyword", // Jib's layers carry libarchive's creation times
                        gzip ? "-xzf" : "-xf",
                        archive.toString(),
                        "-C",
                        into.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar: " + out);
    }

    /** A process of bin/PROGRAM ARGS in the Java-free environment, with {@code extra} variables. */
    ProcessBuilder program(String program, Map<String, String> extra, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        return builder;
    }

    /** Runs bin/PROGRAM ARGS to its end (at most a minute) and returns its output; fails unless it exits 0. */
    String run(String program, Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Process p = program(program, extra, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/" + program + " ended");
        assertEquals(0, p.exitValue(), "bin/" + program + " " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    /** The JVM option that makes the JVM fail unless it can use this tree's start-up cache for that program. */
    String cacheRequired() throws IOException {
        String release = Files.readString(root.resolve("jre/release"));
        int major = Integer.parseInt(release.replaceAll("(?s).*JAVA_VERSION=\"(\\d+).*", "$1"));
        return major >= 25 ? "-XX:AOTMode=on" : "-Xshare:on";
    }

    /** A server started from this tree; reads its output up to the Listening line. */
    final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final List<String> lines = new ArrayList<>();
        private final BufferedReader out;

        Server(String program, Map<String, String> extra, String... args) throws IOException {
            process = program(program, extra, args).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int found = -1;
            while (found < 0 && (line = out.readLine()) != null) {
                lines.add(line);
                found = ListeningLine.find(line).map(ListeningLine::port).orElse(-1);
            }
            if (found < 0) {
                process.destroyForcibly();
                fail("bin/" + program + " did not listen:\n" + String.join("\n", lines));
            }
            port = found;
            Thread.ofVirtual().start(this::drain);
        }

        /** The JVM's command line (the launcher execs it, so the process is the JVM). */
        List<String> commandLine() throws IOException {
            return List.of(Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"))
                    .split("\0"));
        }

        /** SIGTERM; returns the exit status. */
        int stop() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server stopped on SIGTERM");
            return process.exitValue();
        }

        private void drain() {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * Skips the calling test for want of {@code what}, or, in the full tier ({@code -Pfull}, which sets
     * listlines.requirePrerequisites), fails it.
     */
    static void assumePrerequisite(boolean present, String what) {
        if (!present && Boolean.getBoolean("listlines.requirePrerequisites")) {
            fail(what + " (the full tier requires it)");
        }
        assumeTrue(present, what);
    }
}
