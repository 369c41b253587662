package io.listlines.client;

import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.Flags;
import io.listlines.runtime.Transport;
import io.netty.util.NettyRuntime;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags every client command shares (a picocli mixin): how sessions are run, not where to. */
public final class ClientOptions {
    @Option(
            names = "--timeout",
            defaultValue = "10",
            paramLabel = "SECONDS",
            description =
                    "Longest wait to connect, or for the server to send or close, counted from the last byte either way (our own think time is not a wait) (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--max-frame",
            defaultValue = "" + Protocol.DEFAULT_MAX_FRAME,
            paramLabel = "BYTES",
            description = "Largest frame (or raw pickle) accepted from the server (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(
            names = "--expect-list",
            paramLabel = "INTS",
            description = "Fail a session unless the server sends exactly this list, e.g. 1,2,7,9,0.")
    String expectList;

    @Option(
            names = "--framing",
            defaultValue = "framed",
            paramLabel = "framed|raw",
            description =
                    "framed: docs/PROTOCOL.md's length-prefixed frames; raw: the article's own programs' format, for their servers (default: ${DEFAULT-VALUE}).")
    String framing;

    @Option(
            names = "--transport",
            defaultValue = "auto",
            paramLabel = "auto|io_uring|epoll|nio",
            description = "Netty transport (default: ${DEFAULT-VALUE}, the best this machine supports).")
    String transport;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Event-loop threads (default: 1 for single sessions, the number of cores for load).")
    Integer threads;

    @Option(
            names = "--proxy-protocol",
            paramLabel = "v1|v2",
            description = "Begin each connection with a PROXY protocol header of this version, as HAProxy's send-proxy "
                    + "(v1) or send-proxy-v2 would, for a server run with --proxy-protocol (default: none).")
    String proxyProtocol;

    @Option(
            names = "--proxy-source",
            paramLabel = "ADDRESS[:PORT]",
            description =
                    "With --proxy-protocol, the client address the header claims (an IPv6 one in brackets with a port, "
                            + "[::1]:5000); port 0 or none claims the real local port (default: the real local address).")
    String proxySource;

    @Option(
            names = "--tls",
            description =
                    "Speak TLS (1.3 or 1.2), for a server run with --tls-cert: its certificate must be trusted (the JDK's "
                            + "trust store, or --tls-ca) and name the host connected to (default: plaintext).")
    boolean tls;

    @Option(
            names = "--tls-ca",
            paramLabel = "FILE",
            description = "With --tls, trust the CA certificates in this PEM file instead of the JDK's trust store.")
    Path tlsCa;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description =
                    "With --tls, show this PEM client certificate chain when the server asks (mutual TLS); needs --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The private key of --tls-cert, PEM, unencrypted PKCS#8.")
    Path tlsKey;

    @Option(
            names = "--tls-insecure",
            description =
                    "With --tls, accept any server certificate, unchecked (a self-signed one in development); says so on "
                            + "standard error. Never against a server that matters.")
    boolean tlsInsecure;

    /**
     * The validated configuration for sessions against {@code host:port}.
     *
     * @param preferred transport to use when {@code --transport} is {@code auto} and it is available, or null
     */
    ClientConfig toConfig(String host, int port, int thinkMillis, Transport preferred) {
        Flags.require(port >= 1 && port <= 65_535, "--port must be between 1 and 65535, not " + port + ".");
        Flags.require(timeoutSeconds >= 1, "--timeout must be at least 1 second, not " + timeoutSeconds + ".");
        Flags.maxFrame(maxFrame);
        Transport chosen = transport.equalsIgnoreCase("auto") && preferred != null && preferred.isAvailable()
                ? preferred
                : Transport.select(transport);
        List<Long> expected = expectList == null ? null : Flags.parseList("--expect-list", expectList);
        Framing parsedFraming = Flags.parseFraming(framing);
        ProxyClaim proxy = ProxyClaim.parse(proxyProtocol, proxySource);
        return new ClientConfig(
                host, port, maxFrame, timeoutSeconds, chosen, expected, thinkMillis, parsedFraming, proxy, tls());
    }

    /** The TLS the flags ask for, or null for plaintext. */
    private ClientTls tls() {
        if (!tls) {
            Flags.require(
                    tlsCa == null && tlsCert == null && tlsKey == null && !tlsInsecure,
                    "--tls-ca, --tls-cert, --tls-key and --tls-insecure need --tls.");
            return null;
        }
        ClientTls settings = ClientTls.of(tlsCa, tlsCert, tlsKey, tlsInsecure);
        if (tlsInsecure) {
            System.err.println("Warning: --tls-insecure: the server's certificate is not checked, so anyone between "
                    + "here and the server can read and change the sessions.");
        }
        return settings;
    }

    int threads(int byDefault) {
        return Flags.threads(threads, byDefault);
    }

    static int cores() {
        return NettyRuntime.availableProcessors();
    }
}
