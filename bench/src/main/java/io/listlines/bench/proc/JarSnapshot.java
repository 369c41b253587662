package io.listlines.bench.proc;

import io.listlines.bench.model.ServerModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * The jars a run starts, copied into a private directory at its start, so that a rebuild of the
 * project while the bench runs (which rewrites target/*.jar under running JVMs) cannot break it.
 * Closing it deletes the copies.
 */
public final class JarSnapshot implements AutoCloseable {
    private static final String CLIENT_JAR = "netty-client/target/netty-client.jar";
    /** The bench's Netty yardstick (not shipped). */
    public static final String BARE_NETTY_JAR = "bare-netty/target/bare-netty.jar";

    private static final List<String> JARS = List.of(
            "netty-server/target/netty-server.jar",
            "threaded-server/target/threaded-server.jar",
            CLIENT_JAR,
            BARE_NETTY_JAR);

    private final Path root;
    private final Path dir;

    private JarSnapshot(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /**
     * Copies the jars under {@code root} that exist. A jar caught half-written is copied again after a pause.
     *
     * @throws IOException if a jar stays incomplete (being rebuilt) or cannot be copied
     */
    public static JarSnapshot take(Path root) throws IOException {
        Path dir = Files.createTempDirectory("listlines-bench-jars");
        dir.toFile().deleteOnExit(); // also on Ctrl-C; files registered later are deleted first
        for (String jar : JARS) {
            Path source = root.resolve(jar);
            if (!Files.isRegularFile(source)) {
                continue;
            }
            Path copy = dir.resolve(source.getFileName());
            copy.toFile().deleteOnExit();
            for (int attempt = 1; ; attempt++) {
                Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                try (ZipFile zip = new ZipFile(copy.toFile())) {
                    if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
                        break;
                    }
                } catch (IOException e) {
                    // half-written: try again
                }
                if (attempt == 10) {
                    throw new IOException(source + " is not a complete jar (is it being rebuilt?)");
                }
                Children.sleep(2000);
            }
        }
        return new JarSnapshot(root, dir);
    }

    /** The copy of the jar {@code model} runs from (absent if the project's was not built). */
    public Path serverJar(ServerModel model) {
        return dir.resolve(ServerProcess.jar(root, model).getFileName());
    }

    /** The copy of bare Netty's jar (absent if the project's was not built). */
    public Path bareNettyJar() {
        return dir.resolve(root.resolve(BARE_NETTY_JAR).getFileName());
    }

    /** The copy of the load generator's jar. */
    public Path clientJar() {
        return dir.resolve(root.resolve(CLIENT_JAR).getFileName());
    }

    @Override
    public void close() {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory: leave it
        }
    }
}
