package io.listlines.e2e.kit;

import io.listlines.testing.TestTier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Python 3 program of the test resources (the black-box checker, the article-style client ...), run by python3. */
public record PythonScript(String python, Path script) {
    /**
     * The resource {@code resource} ({@code /tls/tls_session.py}) copied into {@code dir}, to be run by the python3 on
     * the PATH; without python3 the test is skipped, saying so with {@code leftOut}, or fails under -Pfull.
     */
    public static PythonScript require(String resource, Path dir, String leftOut) throws IOException {
        String python = ChildProcess.requireProgram("python3", "python3 is not installed: skipping " + leftOut);
        return new PythonScript(python, copy(resource, dir));
    }

    /** As {@link #require}, for a part of a test: null (having said why) where python3 is missing. */
    public static PythonScript ifPresent(String resource, Path dir, String leftOut) throws IOException {
        String python = ChildProcess.program("python3");
        return TestTier.hasPrerequisite(python != null, "python3 is not installed: skipping " + leftOut)
                ? new PythonScript(python, copy(resource, dir))
                : null;
    }

    /** Runs it with {@code args} to its end, at most {@code timeout}. */
    public ChildProcess.Finished run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        return ChildProcess.run(command, timeout);
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName().toString());
        if (!Files.exists(target)) {
            try (InputStream in = PythonScript.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource);
                }
                Files.copy(in, target);
            }
        }
        return target;
    }
}
