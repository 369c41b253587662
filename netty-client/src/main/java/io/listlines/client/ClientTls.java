package io.listlines.client;

import io.listlines.runtime.Flags;
import io.listlines.runtime.PemFiles;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * A client's TLS ({@code --tls} and its flags): one context for every session, each connection an engine
 * of its own. The server is verified against the JDK's trust store or the {@code --tls-ca} file, its name
 * checked against the host connected to (as HTTPS does), unless {@code --tls-insecure}; a client
 * certificate is shown when the server asks, for mutual TLS.
 *
 * @param insecure whether the server's certificate goes unchecked ({@code --tls-insecure})
 */
public record ClientTls(SslContext context, boolean insecure) {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /**
     * Reads the files and makes the context.
     *
     * @param caFile   the CAs to trust, or null for the JDK's trust store
     * @param certFile the client certificate chain (with {@code keyFile}), or null for none
     * @throws io.listlines.runtime.CommandFailure (usage) naming a bad file or a flag without its partner
     */
    public static ClientTls of(Path caFile, Path certFile, Path keyFile, boolean insecure) {
        Flags.require(
                (certFile == null) == (keyFile == null),
                "--tls-cert and --tls-key go together: the client certificate and its private key.");
        Flags.require(
                !(insecure && caFile != null), "--tls-insecure checks no certificate, so --tls-ca would be ignored.");
        SslContextBuilder builder = SslContextBuilder.forClient()
                .protocols(PROTOCOLS)
                .endpointIdentificationAlgorithm(insecure ? null : "HTTPS");
        if (insecure) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (caFile != null) {
            builder.trustManager(PemFiles.certificates("--tls-ca", caFile));
        }
        if (certFile != null) {
            List<X509Certificate> chain = PemFiles.certificates("--tls-cert", certFile);
            PrivateKey key = PemFiles.privateKey("--tls-key", keyFile);
            PemFiles.requireMatch("--tls-key", keyFile, key, "--tls-cert", certFile, chain.get(0));
            builder.keyManager(key, chain);
        }
        try {
            return new ClientTls(builder.build(), insecure);
        } catch (SSLException e) {
            throw io.listlines.runtime.CommandFailure.usage("Cannot set up TLS: " + e.getMessage() + ".");
        }
    }

    /** A connection's engine, for the server at {@code remote}: its name is what the certificate must show. */
    SslHandler newHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        return context.newHandler(alloc, remote.getHostString(), remote.getPort());
    }
}
