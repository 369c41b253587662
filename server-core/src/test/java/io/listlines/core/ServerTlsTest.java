package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.ProtocolException;
import io.listlines.runtime.CommandFailure;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.TestPki;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ServerTlsTest {
    static final TestPki pki = TestPki.shared();

    @Test
    void plaintextUnlessACertificateIsGiven() {
        assertNull(new ServerConfigBuilder().build().tls());
        ServerConfig config = new ServerConfigBuilder()
                .tls(pki.server.cert(), pki.server.key(), pki.caCert, null)
                .build();
        assertTrue(config.tlsEnabled());
        assertTrue(config.tls().requiresClientCertificate());
        assertEquals(ServerTls.Provider.AUTO, config.tls().provider());
    }

    @Test
    void autoTakesOpenSslOnlyWhenItLoads() {
        ServerTls tls = new ServerTls(pki.server.cert(), pki.server.key(), null, ServerTls.Provider.AUTO);
        // server-core's own tests run without netty-tcnative; the Netty server's jar and tests have it.
        assertEquals(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK, tls.nettyProvider());
        assertFalse(tls.requiresClientCertificate());
        ServerTls jdk = new ServerTls(pki.server.cert(), pki.server.key(), null, ServerTls.Provider.JDK);
        assertInstanceOf(JdkSslContext.class, jdk.nettyContext());
        assertTrue(jdk.describe(SslProvider.JDK).startsWith("TLS 1.3 and 1.2 by the JDK (--tls-provider jdk)"));
        if (!OpenSsl.isAvailable()) {
            ServerTls openssl = new ServerTls(pki.server.cert(), pki.server.key(), null, ServerTls.Provider.OPENSSL);
            CommandFailure e = assertThrows(CommandFailure.class, openssl::nettyContext);
            assertTrue(e.getMessage().startsWith("--tls-provider openssl: OpenSSL (netty-tcnative) does not load"));
        }
    }

    @Test
    void onlyTls13And12AndForwardSecretAeadSuites() {
        JdkSslContext context = (JdkSslContext)
                new ServerTls(pki.server.cert(), pki.server.key(), null, ServerTls.Provider.JDK).nettyContext();
        assertFalse(context.cipherSuites().isEmpty());
        assertTrue(
                ServerTls.CIPHERS.containsAll(context.cipherSuites()),
                context.cipherSuites().toString());
        var engine = context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        assertEquals(java.util.Set.of("TLSv1.3", "TLSv1.2"), java.util.Set.of(engine.getEnabledProtocols()));
    }

    @Test
    void flagsWithoutTheirPartnersAreOneSentence() {
        ServerOptions options = new ServerOptions();
        new picocli.CommandLine(options)
                .parseArgs("--tls-cert", pki.server.cert().toString());
        assertEquals(
                "--tls-cert and --tls-key go together: the certificate and its private key.",
                assertThrows(CommandFailure.class, options::toConfig).getMessage());
        ServerOptions caAlone = new ServerOptions();
        new picocli.CommandLine(caAlone).parseArgs("--tls-client-ca", pki.caCert.toString());
        assertEquals(
                "--tls-client-ca needs --tls-cert and --tls-key.",
                assertThrows(CommandFailure.class, caAlone::toConfig).getMessage());
        ServerOptions provider = new ServerOptions();
        new picocli.CommandLine(provider).parseArgs("--tls-provider", "gnutls");
        assertEquals(
                "--tls-provider must be auto, openssl or jdk, not 'gnutls'.",
                assertThrows(CommandFailure.class, provider::toConfig).getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() {
        CommandFailure e = assertThrows(
                CommandFailure.class,
                () -> new ServerTls(pki.server.cert(), pki.client.key(), null, ServerTls.Provider.AUTO));
        assertTrue(e.getMessage().contains("the key does not belong to the certificate"), e.getMessage());
        assertEquals(CommandFailure.USAGE, e.status());
    }

    @Test
    void anExpiredServerCertificateIsWarnedOf() {
        ServerTls expired =
                new ServerTls(pki.expiredServer.cert(), pki.expiredServer.key(), null, ServerTls.Provider.JDK);
        String warning = expired.validityWarning(Instant.now());
        assertTrue(warning != null && warning.contains(" expired on "), warning);
        assertNull(new ServerTls(pki.server.cert(), pki.server.key(), null, ServerTls.Provider.JDK)
                .validityWarning(Instant.now()));
    }

    @Test
    void failuresAreCountedByCause() {
        assertEquals(TlsFailure.NOT_TLS, kind(new NotSslRecordException("not an SSL/TLS record: 00000004")));
        assertEquals(TlsFailure.NOT_TLS, kind(new SSLException("Unsupported or unrecognized SSL message")));
        assertEquals(TlsFailure.HANDSHAKE, kind(new SslHandshakeTimeoutException("handshake timed out after 3000ms")));
        assertEquals(TlsFailure.HANDSHAKE, kind(new SSLException("closed", new ClosedChannelException())));
        assertEquals(
                TlsFailure.NO_CLIENT_CERTIFICATE, kind(new SSLHandshakeException("Empty client certificate chain")));
        assertEquals(
                TlsFailure.NO_CLIENT_CERTIFICATE,
                kind(new SSLHandshakeException(
                        "error:1000007c:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE")));
        assertEquals(
                TlsFailure.BAD_CLIENT_CERTIFICATE,
                kind(new SSLHandshakeException("PKIX path building failed")
                        .initCause(new CertificateException("unable to find valid certification path"))));
        assertEquals(TlsFailure.HANDSHAKE, kind(new SSLHandshakeException("no cipher suites in common")));
    }

    private static String kind(Throwable cause) {
        ProtocolException e = TlsFailure.of(cause, 3);
        assertTrue(
                e.getMessage().startsWith("TLS handshake: ") || e.getMessage().startsWith("not TLS: "));
        return e.kind();
    }
}
