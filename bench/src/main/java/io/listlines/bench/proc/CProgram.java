package io.listlines.bench.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A C program shipped in the bench's jar ({@code src/main/c/NAME.c}, on the classpath as
 * {@code /c/NAME.c}) and compiled with {@code gcc -O2} at run time: the minimal client and the
 * minimal server, the yardsticks of the load generator and of the server models. One way to build
 * both, so that they are compiled alike.
 */
public final class CProgram {
    private CProgram() {}

    /** The gcc on PATH, or null. */
    public static Path gcc() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "gcc");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Writes {@code NAME.c} into {@code dir} and compiles it to {@code dir/NAME}, gcc's output in
     * {@code dir/NAME.gcc.log}.
     *
     * @return the executable
     * @throws IOException with a one-line reason if there is no gcc or it fails
     */
    public static Path compile(String name, Path dir) throws IOException {
        Path gcc = gcc();
        if (gcc == null) {
            throw new IOException("no gcc on PATH");
        }
        Files.createDirectories(dir);
        String resource = "/c/" + name + ".c";
        Path source = dir.resolve(name + ".c");
        try (InputStream in = CProgram.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the bench's classpath");
            }
            Files.write(source, in.readAllBytes());
        }
        Path exe = dir.resolve(name);
        Path log = dir.resolve(name + ".gcc.log");
        Process gccRun =
                Children.start(new ProcessBuilder(gcc.toString(), "-O2", "-o", exe.toString(), source.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile()));
        try {
            if (!gccRun.waitFor(120, TimeUnit.SECONDS)) {
                Children.kill(gccRun);
                throw new IOException("gcc did not finish within 120 s");
            }
            Children.reaped(gccRun);
        } catch (InterruptedException e) {
            Children.kill(gccRun);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + name);
        }
        if (gccRun.exitValue() != 0 || !Files.isExecutable(exe)) {
            throw new IOException(
                    "gcc failed on " + name + ".c (status " + gccRun.exitValue() + "): " + ServerProcess.tail(log));
        }
        return exe;
    }
}
