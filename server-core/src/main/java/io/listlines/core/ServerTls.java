package io.listlines.core;

import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.PemFiles;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A server's TLS ({@code --tls-cert}, {@code --tls-key}, {@code --tls-client-ca}, {@code --tls-provider}):
 * the PEM files read and checked once at start, then the two forms the models need of the same
 * settings, a Netty {@link SslContext} for the Netty server ({@link #nettyContext()}, OpenSSL or the
 * JDK's engine) and JDK {@link SSLSocket}s for the blocking models ({@link #wrap(Socket)}). Either way:
 * TLS 1.3 and 1.2 only, forward-secret AEAD cipher suites only, and with a client CA a client
 * certificate signed by it required. Immutable and thread-safe; every connection gets its own engine.
 */
public final class ServerTls {
    /** Which TLS engine the Netty server uses: OpenSSL when it loads ({@code auto}), or the one named. */
    public enum Provider {
        AUTO,
        OPENSSL,
        JDK;

        static Provider parse(String text) {
            for (Provider p : values()) {
                if (p.name().equalsIgnoreCase(text)) {
                    return p;
                }
            }
            throw CommandFailure.usage("--tls-provider must be auto, openssl or jdk, not '" + text + "'.");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /**
     * TLS 1.3's suites, and for 1.2 only ECDHE with AES-GCM or ChaCha20-Poly1305 (forward secrecy,
     * authenticated encryption): what Mozilla's "intermediate" profile allows.
     */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final Path certFile;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    /** Null without --tls-client-ca. */
    private final Path clientCaFile;

    private final List<X509Certificate> clientCas;
    private final Provider provider;
    /** The blocking models' context, and the parameters each of their sockets gets. */
    private final SSLSocketFactory sockets;

    private final SSLParameters parameters;

    /**
     * Reads and checks the files.
     *
     * @param clientCaFile null for no client certificates
     * @throws CommandFailure (usage) naming the file and its problem
     */
    public ServerTls(Path certFile, Path keyFile, Path clientCaFile, Provider provider) {
        this.certFile = certFile;
        this.chain = PemFiles.certificates("--tls-cert", certFile);
        this.key = PemFiles.privateKey("--tls-key", keyFile);
        PemFiles.requireMatch("--tls-key", keyFile, key, "--tls-cert", certFile, chain.get(0));
        this.clientCaFile = clientCaFile;
        this.clientCas = clientCaFile == null ? List.of() : PemFiles.certificates("--tls-client-ca", clientCaFile);
        this.provider = provider;
        JdkSslContext jdk = (JdkSslContext) build(SslProvider.JDK);
        this.sockets = jdk.context().getSocketFactory();
        this.parameters = new SSLParameters(jdk.cipherSuites().toArray(String[]::new), PROTOCOLS);
        this.parameters.setNeedClientAuth(requiresClientCertificate());
    }

    /** Whether clients must show a certificate signed by the {@code --tls-client-ca}. */
    public boolean requiresClientCertificate() {
        return !clientCas.isEmpty();
    }

    /** The {@code --tls-provider} asked for. */
    public Provider provider() {
        return provider;
    }

    /**
     * The Netty provider {@code auto} means here: OpenSSL when netty-tcnative loads (it ships in the
     * Netty server's jar for Linux x86-64), else the JDK's engine.
     */
    public SslProvider nettyProvider() {
        return switch (provider) {
            case OPENSSL -> SslProvider.OPENSSL;
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    /**
     * The Netty server's context, made once per server, each connection's engine made from it.
     *
     * @throws CommandFailure (usage) if {@code --tls-provider openssl} was asked and OpenSSL does not load here
     */
    public SslContext nettyContext() {
        if (provider == Provider.OPENSSL && !OpenSsl.isAvailable()) {
            throw CommandFailure.usage(
                    "--tls-provider openssl: OpenSSL (netty-tcnative) does not load on this machine ("
                            + OpenSsl.unavailabilityCause().getMessage() + "); use auto or jdk.");
        }
        return build(nettyProvider());
    }

    private SslContext build(SslProvider engine) {
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(engine)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
        if (requiresClientCertificate()) {
            builder.trustManager(clientCas.toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
        }
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw CommandFailure.usage(
                    "--tls-cert " + certFile + ": the certificate and key cannot serve TLS (" + e.getMessage() + ").");
        }
    }

    /**
     * A blocking model's connection as a server-side TLS socket over {@code plain}, whose bytes
     * (after any PROXY header) are the client's ClientHello; closing it closes {@code plain}. The
     * handshake is left to the caller's thread.
     */
    public SSLSocket wrap(Socket plain) throws IOException {
        SSLSocket socket =
                (SSLSocket) sockets.createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** What the start log line says: {@code TLS 1.3/1.2 by OpenSSL (BoringSSL), client certificates required ...}. */
    public String describe(SslProvider engine) {
        String by = engine == SslProvider.JDK ? "the JDK" : "OpenSSL (" + OpenSsl.versionString() + ")";
        return "TLS 1.3 and 1.2 by " + by + " (--tls-provider " + provider + "), certificate " + certFile + " for "
                + chain.get(0).getSubjectX500Principal().getName()
                + (requiresClientCertificate()
                        ? ", client certificates required, signed by " + clientCaFile
                        : ", no client certificates");
    }

    /** A warning for the start log if the server's own certificate is outside its validity now, else null. */
    public String validityWarning(Instant now) {
        X509Certificate leaf = chain.get(0);
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return "--tls-cert " + certFile + " expired on "
                    + leaf.getNotAfter().toInstant() + ": clients that check it will refuse every handshake";
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return "--tls-cert " + certFile + " is not valid before "
                    + leaf.getNotBefore().toInstant() + ": clients that check it will refuse every handshake";
        }
        return null;
    }
}
