package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    @TempDir
    static Path dir;

    static X509Bundle ca;
    static X509Bundle leaf;
    static Path chain;
    static Path key;

    @BeforeAll
    static void certificates() throws Exception {
        ca = new CertificateBuilder()
                .ecp256()
                .subject("CN=test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        leaf = new CertificateBuilder().rsa2048().subject("CN=localhost").buildIssuedBy(ca);
        chain = Files.writeString(dir.resolve("chain.pem"), leaf.getCertificatePathPEM() + ca.getCertificatePEM());
        key = Files.writeString(dir.resolve("key.pem"), leaf.getPrivateKeyPEM());
    }

    @Test
    void readsAChainInOrderAndAPkcs8Key() {
        List<X509Certificate> certificates = PemFiles.certificates("--tls-cert", chain);
        assertEquals(2, certificates.size());
        assertEquals(leaf.getCertificate(), certificates.get(0));
        assertEquals(ca.getCertificate(), certificates.get(1));
        PrivateKey read = PemFiles.privateKey("--tls-key", key);
        assertEquals("RSA", read.getAlgorithm());
        PemFiles.requireMatch("--tls-key", key, read, "--tls-cert", chain, certificates.get(0));
    }

    @Test
    void aMissingFileIsOneSentenceNamingFlagAndFile() {
        Path missing = dir.resolve("missing.pem");
        CommandFailure e = assertThrows(CommandFailure.class, () -> PemFiles.certificates("--tls-cert", missing));
        assertEquals("--tls-cert " + missing + ": no such file.", e.getMessage());
        assertEquals(CommandFailure.USAGE, e.status());
    }

    @Test
    void aFileThatIsNotPemSaysSo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertEquals(
                "--tls-cert " + text + ": is not a PEM file (no -----BEGIN ...----- block).",
                assertThrows(CommandFailure.class, () -> PemFiles.certificates("--tls-cert", text))
                        .getMessage());
        assertEquals(
                "--tls-key " + chain + ": holds no PEM private key (-----BEGIN PRIVATE KEY-----).",
                assertThrows(CommandFailure.class, () -> PemFiles.privateKey("--tls-key", chain))
                        .getMessage());
        assertEquals(
                "--tls-cert " + key + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----).",
                assertThrows(CommandFailure.class, () -> PemFiles.certificates("--tls-cert", key))
                        .getMessage());
    }

    @Test
    void aCorruptCertificateAndAnOldFormatKeyAreNamed() throws Exception {
        Path corrupt = Files.writeString(
                dir.resolve("corrupt.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        String message = assertThrows(CommandFailure.class, () -> PemFiles.certificates("--tls-cert", corrupt))
                .getMessage();
        assertTrue(message.startsWith("--tls-cert " + corrupt + ": certificate 1 does not parse"), message);
        Path pkcs1 = Files.writeString(
                dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
        message = assertThrows(CommandFailure.class, () -> PemFiles.privateKey("--tls-key", pkcs1))
                .getMessage();
        assertTrue(message.contains("in the old format, not PKCS#8; convert it with openssl pkcs8"), message);
        Path garbled = Files.writeString(
                dir.resolve("garbled.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        message = assertThrows(CommandFailure.class, () -> PemFiles.privateKey("--tls-key", garbled))
                .getMessage();
        assertTrue(message.contains("does not parse as PKCS#8"), message);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path caKey = Files.writeString(dir.resolve("ca-key.pem"), ca.getPrivateKeyPEM());
        PrivateKey wrong = PemFiles.privateKey("--tls-key", caKey);
        CommandFailure e = assertThrows(
                CommandFailure.class,
                () -> PemFiles.requireMatch("--tls-key", caKey, wrong, "--tls-cert", chain, leaf.getCertificate()));
        assertEquals(
                "--tls-key " + caKey + ": the key does not belong to the certificate in --tls-cert " + chain + ".",
                e.getMessage());
    }
}
