package io.listlines.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive unpacked into a temporary directory and run as on a machine without Java: the server on the
 * archive's own runtime and start-up cache, serving the client from the same tree, over TLS too, with metrics;
 * every program's {@code --version}; an install directory its user cannot write; what the archive holds.
 */
// Slow tier: it unpacks the archive and runs its programs as processes.
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("listlines.archive", "missing"));
    private static final List<String> PROGRAMS = List.of("netty-server", "threaded-server", "netty-client");

    @TempDir
    static Path dir;

    static ReleaseTree tree;

    @BeforeAll
    static void unpack() throws Exception {
        // mvn package makes it, unless the build's JDK can link no runtime (it says so then)
        ReleaseTree.assumePrerequisite(
                Files.isRegularFile(ARCHIVE), ARCHIVE + " was not made: the build's JDK has no jmods/ to link from");
        ReleaseTree.untar(ARCHIVE, dir.resolve("unpacked"), true);
        try (Stream<Path> top = Files.list(dir.resolve("unpacked"))) {
            tree = new ReleaseTree(top.findFirst().orElseThrow(), dir);
        }
    }

    @Test
    void theServerRunsOnTheArchivesOwnJavaAndServesTheClientFromTheSameTree() throws Exception {
        Map<String, String> cached = Map.of("LISTLINES_JAVA_OPTS", tree.cacheRequired());
        try (ReleaseTree.Server server =
                tree.new Server("netty-server", cached, "--host", "127.0.0.1", "--port", "0", "--metrics-port", "0")) {
            List<String> jvm = server.commandLine();
            assertEquals(tree.root.resolve("jre/bin/java").toString(), jvm.get(0), "the archive's own Java");
            assertTrue(jvm.contains("-XX:+UseSerialGC"), "the shipped JVM options: " + jvm);
            assertFalse(jvm.stream().anyMatch(a -> a.startsWith("-XX:AOTMode=record")), "nothing to record: " + jvm);

            String session =
                    tree.run("netty-client", cached, "--host", "127.0.0.1", "--port", String.valueOf(server.port));
            assertTrue(session.contains("[1, 2, 7, 9, 0]"), session);

            int metricsPort = metricsPort(server);
            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            // the JVM's own metrics need java.management and jdk.management in the linked runtime
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
            assertTrue(metrics.body().contains("listlines_"), metrics.body());
            assertEquals(0, server.stop());
        }
    }

    /** BoringSSL (netty-tcnative) and the JDK's own TLS, whose providers the linked runtime must hold. */
    @Test
    void tlsWithBothProvidersOnTheLinkedRuntime() throws Exception {
        // a CA and a server certificate it signs, made for the run (Netty's CertificateBuilder)
        CertificateBuilder template = new CertificateBuilder()
                .ecp256()
                .notBefore(Instant.now().minus(Duration.ofDays(1)))
                .notAfter(Instant.now().plus(Duration.ofDays(1)));
        X509Bundle ca = template.copy()
                .subject("CN=listlines release test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        X509Bundle signed = template.copy()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(ca);
        Path caCert = Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
        Path cert = Files.writeString(dir.resolve("server.pem"), signed.getCertificatePathPEM());
        Path key = Files.writeString(dir.resolve("server-key.pem"), signed.getPrivateKeyPEM());
        for (String provider : List.of("openssl", "jdk")) {
            try (ReleaseTree.Server server = tree
            .new Server(
                    "netty-server",
                    Map.of(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--tls-cert",
                    cert.toString(),
                    "--tls-key",
                    key.toString(),
                    "--tls-provider",
                    provider)) {
                String session = tree.run(
                        "netty-client",
                        Map.of(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(server.port),
                        "--tls",
                        "--tls-ca",
                        caCert.toString());
                assertTrue(session.contains("[1, 2, 7, 9, 0]"), provider + ": " + session);
                assertEquals(0, server.stop());
            }
        }
    }

    @Test
    void everyProgramAnswersVersion() throws Exception {
        for (String program : PROGRAMS) {
            List<String> lines =
                    tree.run(program, Map.of(), "--version").lines().toList();
            assertEquals(4, lines.size(), program + ": " + lines);
            assertTrue(lines.get(0).startsWith("listlines " + program + " "), lines.toString());
            assertTrue(lines.get(1).matches("commit \\S+"), lines.toString());
            assertTrue(lines.get(2).endsWith(" at " + tree.root.resolve("jre")), lines.toString());
            assertTrue(lines.get(3).matches("transports on this machine: .*nio"), lines.toString());
        }
    }

    /**
     * Installed where its user cannot write (a root-owned /opt, a service's ProtectSystem=strict): the shipped cache
     * is used, and nothing is written beside it. As root, which writes anywhere, the server runs as nobody.
     */
    @Test
    void anInstallDirectoryItsUserCannotWriteUsesTheShippedCache() throws Exception {
        Path lib = tree.root.resolve("lib");
        List<String> before;
        try (Stream<Path> files = Files.list(lib)) {
            before = files.map(Path::toString).sorted().toList();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        for (Path p = tree.root; p != null && p.startsWith(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Map<String, String> cached = Map.of("LISTLINES_JAVA_OPTS", tree.cacheRequired());
            ProcessBuilder server = tree.program("netty-server", cached, "--host", "127.0.0.1", "--port", "0");
            if (root) {
                server.command().addAll(0, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
                server.environment().put("PATH", server.environment().get("PATH") + ":/usr/bin:/bin");
                // setpriv is found on that PATH, after the tools; the launcher still finds no java before jre/
            }
            Process p = server.start();
            try (var out = p.inputReader()) {
                String line;
                while ((line = out.readLine()) != null && !line.contains("Listening on")) {
                    // the lines before
                }
                assertTrue(line != null, "the server listened from a read-only install");
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
            }
        } finally {
            Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (Stream<Path> files = Files.list(lib)) {
            assertEquals(before, files.map(Path::toString).sorted().toList(), "nothing was written in lib/");
        }
    }

    @Test
    void theArchiveHoldsTheReleaseAndItsLicencesWithinItsSize() throws IOException {
        assertTrue(Files.size(ARCHIVE) <= 80L * 1024 * 1024, "at most 80 MB: " + Files.size(ARCHIVE));
        for (String file : List.of(
                "LICENSE",
                "NOTICE",
                "licenses/common/APACHE-2.0.txt",
                "licenses/common/EPL-2.0.md",
                "licenses/common/MIT.txt",
                "licenses/netty-tcnative-boringssl-static-linux-x86_64-jar/LICENSE.boringssl.txt",
                "jre/legal/java.base/LICENSE",
                "docs/PROTOCOL.md",
                "docs/install.md",
                "deploy/systemd/listlines-server.service",
                "deploy/systemd/listlines-server.env",
                "deploy/haproxy/haproxy.cfg",
                "bin/lib/launch.sh",
                "bin/jvm/netty-server.options")) {
            assertTrue(Files.isRegularFile(tree.root.resolve(file)), file);
        }
        for (String program : PROGRAMS) {
            assertTrue(Files.isExecutable(tree.root.resolve("bin/" + program)), program);
            assertTrue(Files.isRegularFile(tree.root.resolve("lib/" + program + ".jar")), program);
        }
        assertFalse(Files.exists(tree.root.resolve("bin/bench")), "the bench stays in the source tree");
        String notice = Files.readString(tree.root.resolve("NOTICE"));
        for (String library :
                List.of("Netty", "BoringSSL", "Jackson", "Logback", "SLF4J", "picocli", "HdrHistogram", "Prometheus")) {
            assertTrue(notice.contains(library), library);
        }
        assertTrue(notice.contains("net.razorvine:pickle"), "the pickle library");
    }

    private static int metricsPort(ReleaseTree.Server server) {
        Pattern metrics = Pattern.compile("Metrics on http://[^ ]*:(\\d+)/metrics");
        synchronized (server.lines) {
            for (String line : server.lines) {
                Matcher m = metrics.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("no metrics line: " + server.lines);
    }
}
