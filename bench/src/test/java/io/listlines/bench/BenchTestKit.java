package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/** What the bench's tests that run it share: the project's root, its built jars, a run of the bench in this JVM. */
public final class BenchTestKit {
    private BenchTestKit() {}

    /** The project root: surefire runs in bench/, the jars are in the sibling modules' target/. */
    public static Path projectRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("netty-client")) ? cwd : cwd.getParent();
    }

    public static void assumeJarsBuilt(Path root) {
        for (String jar : List.of(
                "netty-server/target/netty-server.jar",
                "threaded-server/target/threaded-server.jar",
                "netty-client/target/netty-client.jar",
                "bare-netty/target/bare-netty.jar")) {
            Assumptions.assumeTrue(
                    Files.isRegularFile(root.resolve(jar)),
                    () -> "skipped: " + root.resolve(jar)
                            + " is not built; run the whole reactor (mvn verify from the project root, or -pl bench -am), "
                            + "which packages the other modules before the bench's tests");
        }
    }

    /**
     * Runs {@code bench ARGS --out OUT --root ROOT} against the built jars (skipped where they are not
     * built), asserts it exits 0, and returns what it printed.
     */
    public static String runBench(Path out, String... args) {
        Path root = projectRoot();
        assumeJarsBuilt(root);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString(), "--root", root.toString()));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int status = new CommandLine(new BenchCommand(new PrintStream(progress, true, StandardCharsets.UTF_8)))
                .execute(all.toArray(String[]::new));
        String said = progress.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, said);
        return said;
    }
}
