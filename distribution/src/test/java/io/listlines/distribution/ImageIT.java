package io.listlines.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image archive (Jib's OCI tar): its configuration (a user other than root, the ports, the launcher as
 * entrypoint), and the server run from its unpacked layers, as the image would run it, on the image's own Java and
 * start-up cache. The release image ({@code mvn package -Pimage}) when there is one, else the one the full tier
 * builds for this test on no base (no registry is reachable to fetch one); a run of the image itself with podman
 * needs the release image, whose base gives it a shell and a C library.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ImageIT {
    private static final Path RELEASE_IMAGE = Path.of(System.getProperty("listlines.image", "missing"));
    private static final Path TEST_IMAGE = Path.of(System.getProperty("listlines.testImage", "missing"));
    private static final String METRICS_PORT = System.getProperty("listlines.image.metricsPort", "9727");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The newer of the two (a build without clean may leave an older one). */
    private static Path image() throws IOException {
        Path image = !Files.isRegularFile(RELEASE_IMAGE)
                        || (Files.isRegularFile(TEST_IMAGE)
                                && Files.getLastModifiedTime(TEST_IMAGE)
                                                .compareTo(Files.getLastModifiedTime(RELEASE_IMAGE))
                                        > 0)
                ? TEST_IMAGE
                : RELEASE_IMAGE;
        ReleaseTree.assumePrerequisite(
                Files.isRegularFile(image),
                "no image archive: mvn package -Pimage makes " + RELEASE_IMAGE + ", mvn verify -Pfull " + TEST_IMAGE);
        return image;
    }

    @Test
    void theImageRunsTheLauncherAsAUserOtherThanRootAndExposesItsPorts() throws Exception {
        Image image = Image.read(image(), dir.resolve("image"));
        JsonNode config = image.config.path("config");
        String user = config.path("User").asText();
        assertFalse(user.isEmpty() || user.equals("0") || user.startsWith("0:") || user.startsWith("root"), user);
        assertTrue(config.path("ExposedPorts").has("2727/tcp"), config.toString());
        assertTrue(config.path("ExposedPorts").has(METRICS_PORT + "/tcp"), config.toString());
        assertEquals(List.of("/opt/listlines/bin/netty-server"), strings(config.path("Entrypoint")));
        assertEquals(List.of("--metrics-port", METRICS_PORT), strings(config.path("Cmd")));
    }

    /** deploy/container/Containerfile builds the same image from an unpacked archive: the same user, ports, start. */
    @Test
    void theContainerfileAgreesWithTheImage() throws Exception {
        JsonNode config = Image.read(image(), dir.resolve("image")).config.path("config");
        List<String> lines =
                Files.readAllLines(Path.of("").toAbsolutePath().getParent().resolve("deploy/container/Containerfile"));
        assertTrue(lines.contains("USER " + config.path("User").asText()), lines.toString());
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(p -> ports.add(p.replace("/tcp", "")));
        assertTrue(lines.contains("EXPOSE " + String.join(" ", ports)), ports + " " + lines);
        assertTrue(
                lines.contains("ENTRYPOINT " + JSON.writeValueAsString(config.path("Entrypoint"))), lines.toString());
        assertTrue(lines.contains("CMD " + JSON.writeValueAsString(config.path("Cmd"))), lines.toString());
    }

    @Test
    void theServerRunsFromTheImagesLayersOnItsOwnJavaAndCache() throws Exception {
        Image image = Image.read(image(), dir.resolve("image"));
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        for (Path layer : image.layers) {
            ReleaseTree.untar(layer, rootfs, true);
        }
        ReleaseTree tree = new ReleaseTree(rootfs.resolve("opt/listlines"), dir);
        // every file has the image's one modification time, which the jars had when their caches were made
        assertEquals(
                1000,
                Files.getLastModifiedTime(tree.root.resolve("lib/netty-server.jar"))
                        .toMillis());
        Map<String, String> cached = Map.of("LISTLINES_JAVA_OPTS", tree.cacheRequired());
        try (ReleaseTree.Server server =
                tree.new Server("netty-server", cached, "--host", "127.0.0.1", "--port", "0")) {
            String session =
                    tree.run("netty-client", cached, "--host", "127.0.0.1", "--port", String.valueOf(server.port));
            assertTrue(session.contains("[1, 2, 7, 9, 0]"), session);
            assertEquals(0, server.stop());
        }
    }

    @Test
    void podmanRunsTheReleaseImage() throws Exception {
        // not a prerequisite of the full tier: the release image needs its base from a registry
        assumeTrue(Files.isRegularFile(RELEASE_IMAGE), "no release image (mvn package -Pimage makes it)");
        assumeTrue(
                Stream.of("/usr/bin/podman", "/usr/local/bin/podman").anyMatch(p -> Files.isExecutable(Path.of(p))),
                "podman is not installed");
        String loaded = podman("load", "-i", RELEASE_IMAGE.toString());
        String name = loaded.lines()
                .filter(l -> l.startsWith("Loaded image"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError(loaded));
        String version = podman(
                "run",
                "--rm",
                "--runtime",
                "runc",
                "--network=host",
                "--ulimit",
                "nofile=4096:4096",
                name,
                "--version");
        assertTrue(version.contains("at /opt/listlines/jre"), version);
    }

    private static String podman(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** An image archive unpacked: its configuration and its layers (compressed tars), base first. */
    private record Image(JsonNode config, List<Path> layers) {
        static Image read(Path archive, Path into) throws IOException, InterruptedException {
            ReleaseTree.untar(archive, into, false);
            JsonNode manifest;
            if (Files.isRegularFile(into.resolve("index.json"))) {
                JsonNode index = JSON.readTree(into.resolve("index.json").toFile());
                manifest = JSON.readTree(
                        blob(into, index.path("manifests").get(0).path("digest").asText())
                                .toFile());
                JsonNode config = JSON.readTree(
                        blob(into, manifest.path("config").path("digest").asText())
                                .toFile());
                List<Path> layers = new ArrayList<>();
                manifest.path("layers")
                        .forEach(l -> layers.add(blob(into, l.path("digest").asText())));
                return new Image(config, layers);
            }
            // the docker load format: manifest.json names the configuration and the layers by path
            manifest = JSON.readTree(into.resolve("manifest.json").toFile()).get(0);
            JsonNode config =
                    JSON.readTree(into.resolve(manifest.path("Config").asText()).toFile());
            List<Path> layers = new ArrayList<>();
            manifest.path("Layers").forEach(l -> layers.add(into.resolve(l.asText())));
            return new Image(config, layers);
        }

        private static Path blob(Path into, String digest) {
            return into.resolve("blobs").resolve(digest.replace(':', '/'));
        }
    }
}
