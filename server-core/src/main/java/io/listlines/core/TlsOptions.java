package io.listlines.core;

import io.listlines.runtime.Flags;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The TLS flags every server model shares, part of {@link ServerOptions}. */
public final class TlsOptions {
    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description =
                    "Serve TLS with this PEM certificate chain (the server's certificate first, then any intermediates); "
                            + "needs --tls-key. Off by default.")
    Path certFile;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The private key of --tls-cert, PEM, unencrypted PKCS#8 (-----BEGIN PRIVATE KEY-----).")
    Path keyFile;

    @Option(
            names = "--tls-client-ca",
            paramLabel = "FILE",
            description =
                    "Mutual TLS: require every client to show a certificate signed by a CA in this PEM file; a client "
                            + "without one, or with another, is closed after the handshake fails (default: no client certificates).")
    Path clientCaFile;

    @Option(
            names = "--tls-provider",
            defaultValue = "auto",
            paramLabel = "auto|openssl|jdk",
            description =
                    "The Netty server's TLS engine: auto takes OpenSSL (BoringSSL, netty-tcnative) when it loads, else "
                            + "the JDK's; the threaded models always use the JDK's (default: ${DEFAULT-VALUE}).")
    String provider;

    /**
     * The TLS settings, or null for plaintext.
     *
     * @throws io.listlines.runtime.CommandFailure (usage) for a flag without its partner or a bad file
     */
    ServerTls toTls() {
        ServerTls.Provider parsed = ServerTls.Provider.parse(provider);
        Flags.require(
                (certFile == null) == (keyFile == null),
                "--tls-cert and --tls-key go together: the certificate and its private key.");
        Flags.require(certFile != null || clientCaFile == null, "--tls-client-ca needs --tls-cert and --tls-key.");
        return certFile == null ? null : new ServerTls(certFile, keyFile, clientCaFile, parsed);
    }
}
