package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.e2e.kit.ChildProcess;
import io.listlines.process.ListeningLine;
import io.listlines.testing.TestTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launchers in {@code bin/}: the JVM options they ship ({@code bin/jvm/*.options}, with
 * version-conditional lines), {@code LISTLINES_JAVA_OPTS} after them, and the class-data cache
 * made by a first run and used by the next.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** Runs a function of bin/lib/launch.sh and returns its standard output's lines. */
    private static List<String> launchFunction(String call, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", "-c", "source \"$0/bin/lib/launch.sh\" && " + call, ROOT.toString()));
        command.addAll(Arrays.asList(args));
        ChildProcess.Finished run = ChildProcess.run(command, Duration.ofSeconds(60));
        assertEquals(0, run.status(), run.output());
        return run.output().lines().toList();
    }

    @Test
    void optionsFilesApplyTheirVersionConditions() throws Exception {
        List<String> on21 = launchFunction("listlines_jvm_options netty-server 21");
        List<String> on25 = launchFunction("listlines_jvm_options netty-server 25");
        assertTrue(on21.containsAll(List.of("-XX:+UseSerialGC", "-Xmn16m", "-Xmx64m")), on21.toString());
        assertFalse(on21.contains("-Xmx96m"), "the TLS heap only with --tls-cert: " + on21);
        assertFalse(on21.contains("-XX:+UseCompactObjectHeaders"), "a Java 25 option stays off on 21");
        assertTrue(on25.contains("-XX:+UseCompactObjectHeaders"), on25.toString());
        assertFalse(on25.stream().anyMatch(o -> o.startsWith("#") || o.isBlank()), on25.toString());
        // Netty's allocator JFR events cost every start about 0.1 s; both Netty programs ship them off
        assertTrue(on21.contains("-Dio.netty.jfr.enabled=false"), on21.toString());
        List<String> client = launchFunction("listlines_jvm_options netty-client 25");
        assertTrue(client.contains("-Dio.netty.jfr.enabled=false"), client.toString());
    }

    @Test
    void aLineMayApplyOnlyWithAFlagOfTheProgramsAndThenComesLastOfItsKind() throws Exception {
        for (List<String> args : List.of(List.of("--tls-cert", "c.pem"), List.of("--port", "1", "--tls-cert=c.pem"))) {
            List<String> tls =
                    launchFunction("listlines_jvm_options netty-server 25 \"$@\"", args.toArray(String[]::new));
            int general = tls.indexOf("-Xmx64m");
            int withTls = tls.indexOf("-Xmx96m");
            assertTrue(general >= 0 && withTls > general, "the TLS heap after the general one, so it wins: " + tls);
        }
        List<String> plain = launchFunction("listlines_jvm_options netty-server 25 \"$@\"", "--tls-certificate-typo");
        assertFalse(plain.contains("-Xmx96m"), "a flag is matched whole: " + plain);
    }

    @Test
    void theJavaVersionIsReadWithoutStartingIt() throws Exception {
        List<String> found = launchFunction("listlines_find_java && listlines_java_major \"$LISTLINES_JAVA\"");
        assertTrue(Integer.parseInt(found.get(0)) >= 21, found.toString());
    }

    @Test
    void theServerRunsWithItsOptionsThenTheUsersAndMakesThenUsesItsCache() throws Exception {
        Path jar = ROOT.resolve("netty-server/target/netty-server.jar");
        TestTier.requirePrerequisite(Files.isRegularFile(jar), "netty-server.jar is not built (mvn package)");
        List<String> first = startAndStop(Map.of("LISTLINES_JAVA_OPTS", "-Xmx128m"));
        int shipped = first.indexOf("-Xmx64m");
        int users = first.indexOf("-Xmx128m");
        assertTrue(shipped >= 0 && users > shipped, "the user's option comes last, so it wins: " + first);
        boolean cached = first.stream()
                .anyMatch(a -> a.startsWith("-XX:AOTCache")
                        || a.startsWith("-XX:AOTConfiguration")
                        || a.startsWith("-XX:SharedArchiveFile"));
        assertTrue(cached, "a first run records for (or uses) the class-data cache: " + first);
        List<String> second = startAndStop(Map.of());
        assertTrue(
                second.stream().anyMatch(a -> a.startsWith("-XX:AOTCache=") || a.startsWith("-XX:SharedArchiveFile")),
                "the next run uses it: " + second);
        List<String> off = startAndStop(Map.of("LISTLINES_AOT", "off"));
        assertFalse(
                off.stream().anyMatch(a -> a.startsWith("-XX:AOT") || a.startsWith("-XX:SharedArchiveFile")),
                off.toString());
    }

    @Test
    void makingTheCacheLeavesTheProgramsStandardOutputAlone() throws Exception {
        Path jar = ROOT.resolve("netty-client/target/netty-client.jar");
        TestTier.requirePrerequisite(Files.isRegularFile(jar), "netty-client.jar is not built (mvn package)");
        try (var old = Files.newDirectoryStream(jar.getParent(), "netty-client.jdk*")) {
            for (Path cache : old) {
                Files.delete(cache);
            }
        }
        List<String> usage = null;
        // first run records, second makes the cache, third uses it (on 21-24: makes, then uses, the archive)
        for (int run = 1; run <= 3; run++) {
            // a real run (a --help run records no cache): nothing listens on port 1, so it reports that and exits 1
            ChildProcess.Finished finished = ChildProcess.run(
                    new ProcessBuilder(
                                    ROOT.resolve("bin/netty-client").toString(), "--host", "127.0.0.1", "--port", "1")
                            .redirectError(ProcessBuilder.Redirect.DISCARD),
                    Duration.ofSeconds(60));
            List<String> out = finished.output().lines().toList();
            assertEquals(1, finished.status());
            if (usage == null) {
                usage = out;
            }
            assertEquals(usage, out, "run " + run + ": standard output is the program's, the same every time");
        }
        try (var made = Files.newDirectoryStream(jar.getParent(), "netty-client.jdk*")) {
            List<String> names = new ArrayList<>();
            made.forEach(f -> names.add(f.getFileName().toString()));
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".aot") || n.endsWith(".jsa")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.contains(".part")), "nothing half-made is left: " + names);
        }
    }

    /** Starts bin/netty-server on a free port, waits for Listening, returns its JVM's arguments, stops it. */
    private static List<String> startAndStop(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                ROOT.resolve("bin/netty-server").toString(), "--host", "127.0.0.1", "--port", "0", "--quiet");
        builder.environment().putAll(env);
        try (ChildProcess server = ChildProcess.start(builder)) {
            server.await(line -> ListeningLine.find(line).isPresent(), "saying where it listens");
            // the launcher execs the JVM: the process is the JVM itself
            String cmdline = Files.readString(Path.of("/proc/" + server.pid() + "/cmdline"));
            server.signal("TERM"); // a clean stop, which writes a first run's cache
            assertEquals(0, server.exitStatus(), server.outputSoFar());
            return List.of(cmdline.split("\0"));
        }
    }
}
