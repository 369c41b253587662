package io.listlines.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.runtime.CommandFailure;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientTlsTest {
    @TempDir
    static Path dir;

    static Path ca;
    static Path cert;
    static Path key;

    @BeforeAll
    static void certificates() throws Exception {
        X509Bundle authority = new CertificateBuilder()
                .ecp256()
                .subject("CN=test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        X509Bundle client =
                new CertificateBuilder().ecp256().subject("CN=client").buildIssuedBy(authority);
        ca = Files.writeString(dir.resolve("ca.pem"), authority.getCertificatePEM());
        cert = Files.writeString(dir.resolve("client.pem"), client.getCertificatePathPEM());
        key = Files.writeString(dir.resolve("client-key.pem"), client.getPrivateKeyPEM());
    }

    private static ClientConfig config(String... args) {
        ClientOptions options = new ClientOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig("127.0.0.1", 2727, 0, null);
    }

    @Test
    void plaintextUnlessTls() {
        assertNull(config().tls());
        ClientConfig tls =
                config("--tls", "--tls-ca", ca.toString(), "--tls-cert", cert.toString(), "--tls-key", key.toString());
        assertNotNull(tls.tls());
        SslHandler handler = tls.tls().newHandler(ByteBufAllocator.DEFAULT, new InetSocketAddress("127.0.0.1", 2727));
        try {
            assertTrue(handler.engine().getUseClientMode());
            assertEquals("HTTPS", handler.engine().getSSLParameters().getEndpointIdentificationAlgorithm());
            // Netty's OpenSSL engine also lists the pseudo-protocol SSLv2Hello; BoringSSL has no SSLv2 at all
            assertEquals(
                    Set.of("TLSv1.3", "TLSv1.2"),
                    Arrays.stream(handler.engine().getEnabledProtocols())
                            .filter(p -> !p.equals("SSLv2Hello"))
                            .collect(Collectors.toSet()));
        } finally {
            ReferenceCountUtil.release(handler.engine());
        }
    }

    @Test
    void badCombinationsAreOneSentence() {
        assertEquals(
                "--tls-ca, --tls-cert, --tls-key and --tls-insecure need --tls.",
                assertThrows(CommandFailure.class, () -> config("--tls-ca", ca.toString()))
                        .getMessage());
        assertEquals(
                "--tls-cert and --tls-key go together: the client certificate and its private key.",
                assertThrows(CommandFailure.class, () -> config("--tls", "--tls-cert", cert.toString()))
                        .getMessage());
        assertEquals(
                "--tls-insecure checks no certificate, so --tls-ca would be ignored.",
                assertThrows(CommandFailure.class, () -> config("--tls", "--tls-insecure", "--tls-ca", ca.toString()))
                        .getMessage());
        Path missing = dir.resolve("nowhere.pem");
        assertEquals(
                "--tls-ca " + missing + ": no such file.",
                assertThrows(CommandFailure.class, () -> config("--tls", "--tls-ca", missing.toString()))
                        .getMessage());
    }

    @Test
    void insecureChecksNoName() {
        ClientTls insecure = ClientTls.of(null, null, null, true);
        assertTrue(insecure.insecure());
        SslHandler handler = insecure.newHandler(ByteBufAllocator.DEFAULT, new InetSocketAddress("127.0.0.1", 2727));
        try {
            assertNull(handler.engine().getSSLParameters().getEndpointIdentificationAlgorithm());
        } finally {
            ReferenceCountUtil.release(handler.engine());
        }
    }
}
