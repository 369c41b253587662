package io.listlines.bench.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The raw-framing servers in Python 3 that race our Java models ({@code src/main/resources/python},
 * on the classpath as {@code /python/NAME}): the article's two, its program text adapted only as far
 * as Python 3 and a port of the bench's choosing need, and one on asyncio's event loop. Each listens on
 * the host and port it is given and prints the same listening line as the Java servers, so the bench
 * starts it as a {@link ServerProcess}.
 */
public final class PythonServers {
    /** Their kind in results.json, where a Java model's is {@code netty} or {@code threaded}. */
    public static final String KIND = "python";

    /** One of them: its name in the reports, its program, and what it is. */
    public record Program(String name, String file, String description) {}

    public static final List<Program> ALL = List.of(
            new Program(
                    "python-threads", "article_threaded_server.py", "the article's thread-per-client server, Python 3"),
            new Program(
                    "python-pool-2",
                    "article_pool_server.py",
                    "the article's server with a queue and a pool of 2 threads, Python 3"),
            new Program(
                    "python-asyncio",
                    "asyncio_server.py",
                    "the article's session on asyncio's event loop, one thread (written for the bench)"));

    private PythonServers() {}

    /** The python3 on PATH, or null. */
    public static Path python3() {
        return python3(System.getenv("PATH"));
    }

    /** The first executable python3 in the directories of {@code path} (as PATH spells them), or null. */
    public static Path python3(String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Writes {@code program}'s file into {@code dir}.
     *
     * @return the file written
     * @throws IOException if it is missing from the classpath or cannot be written
     */
    public static Path write(Program program, Path dir) throws IOException {
        Files.createDirectories(dir);
        String resource = "/python/" + program.file();
        Path file = dir.resolve(program.file());
        try (InputStream in = PythonServers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the bench's classpath");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** The command that starts {@code file} with {@code python} on loopback and a free port. */
    public static List<String> command(Path python, Path file) {
        return List.of(python.toString(), file.toString(), "--host", "127.0.0.1", "--port", "0");
    }
}
