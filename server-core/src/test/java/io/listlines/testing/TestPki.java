package io.listlines.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Certificates for the TLS tests, made fresh by Netty's {@code CertificateBuilder} and written as PEM
 * files into a test's temporary directory, so no private key is ever checked in: a CA, a server
 * certificate it signs (for {@code localhost} and 127.0.0.1), a client certificate it signs, a client
 * certificate signed by another CA, and expired server and client certificates.
 */
public final class TestPki {
    /** A certificate (with its chain up to, not including, the root) and its private key, as files. */
    public record Pair(Path cert, Path key) {}

    public final Path caCert;
    public final Pair server;
    public final Pair client;
    /** Signed by a CA other than {@link #caCert}. */
    public final Pair strangerClient;

    public final Pair expiredClient;
    public final Pair expiredServer;

    private TestPki(Path dir) throws Exception {
        Instant now = Instant.now();
        CertificateBuilder template = new CertificateBuilder()
                .ecp256()
                .notBefore(now.minus(Duration.ofDays(1)))
                .notAfter(now.plus(Duration.ofDays(30)));
        X509Bundle ca = template.copy()
                .subject("CN=listlines test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        X509Bundle other = template.copy()
                .subject("CN=another test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        caCert = write(dir.resolve("ca.pem"), ca.getCertificatePEM());
        server = pair(dir, "server", serverTemplate(template).buildIssuedBy(ca));
        client = pair(dir, "client", clientTemplate(template, "CN=client").buildIssuedBy(ca));
        strangerClient =
                pair(dir, "stranger", clientTemplate(template, "CN=stranger").buildIssuedBy(other));
        CertificateBuilder expired =
                template.copy().notBefore(now.minus(Duration.ofDays(30))).notAfter(now.minus(Duration.ofDays(1)));
        expiredClient = pair(
                dir,
                "expired-client",
                clientTemplate(expired, "CN=expired client").buildIssuedBy(ca));
        expiredServer = pair(dir, "expired-server", serverTemplate(expired).buildIssuedBy(ca));
    }

    /** Makes them all in {@code dir}. */
    public static TestPki create(Path dir) {
        try {
            return new TestPki(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    /**
     * One set for every test in this JVM, made on first use in a temporary directory that goes when the JVM exits:
     * what a test class holds in a static field.
     */
    public static TestPki shared() {
        return Shared.PKI;
    }

    /** Made when {@link #shared()} is first called (the class is loaded then), once. */
    private static final class Shared {
        static final TestPki PKI = create(temporaryDirectory());

        private static Path temporaryDirectory() {
            try {
                Path dir = Files.createTempDirectory("listlines-test-pki");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void delete(Path dir) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary directory: the system's to clean, then
            }
        }
    }

    private static CertificateBuilder serverTemplate(CertificateBuilder template) {
        return template.copy()
                .subject("CN=localhost")
                .addSanDnsName("localhost")
                .addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth();
    }

    private static CertificateBuilder clientTemplate(CertificateBuilder template, String subject) {
        return template.copy().subject(subject).addExtendedKeyUsageClientAuth();
    }

    private static Pair pair(Path dir, String name, X509Bundle bundle) {
        return new Pair(
                write(dir.resolve(name + ".pem"), bundle.getCertificatePathPEM()),
                write(dir.resolve(name + "-key.pem"), bundle.getPrivateKeyPEM()));
    }

    private static Path write(Path file, String pem) {
        try {
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
