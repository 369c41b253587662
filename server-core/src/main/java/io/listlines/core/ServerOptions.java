package io.listlines.core;

import io.listlines.protocol.ListPayload;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Flags;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags every server model shares (a picocli mixin), so each model takes the same command line. */
public final class ServerOptions {
    @Option(
            names = "--host",
            defaultValue = "0.0.0.0",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + Protocol.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--list",
            defaultValue = "1,2,7,9,0",
            paramLabel = "INTS",
            description =
                    "The list sent to every client, comma-separated signed 64-bit integers (default: ${DEFAULT-VALUE}).")
    String list;

    @Option(
            names = "--max-frame",
            defaultValue = "" + Protocol.DEFAULT_MAX_FRAME,
            paramLabel = "BYTES",
            description =
                    "Largest frame payload accepted from a client; a longer one ends its connection (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(
            names = "--idle-timeout",
            defaultValue = "" + Protocol.DEFAULT_IDLE_TIMEOUT_SECONDS,
            paramLabel = "SECONDS",
            description =
                    "Close a connection that makes no progress for this long: the client neither sends a byte nor takes any of the list; 0 never (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(
            names = "--grace",
            defaultValue = "" + Protocol.DEFAULT_GRACE_SECONDS,
            paramLabel = "SECONDS",
            description =
                    "On SIGINT/SIGTERM, stop accepting and give sessions in flight this long to finish (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Option(
            names = "--backlog",
            defaultValue = "1024",
            paramLabel = "N",
            description =
                    "Length of the kernel's accept queue, capped by net.core.somaxconn (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(
            names = "--framing",
            defaultValue = "framed",
            paramLabel = "framed|raw",
            description =
                    "framed: a 4-byte length before every message (docs/PROTOCOL.md); raw: the article's own programs' wire format, "
                            + "the pickle alone, then newline-terminated lines (default: ${DEFAULT-VALUE}).")
    String framing;

    @Option(
            names = "--max-connections",
            defaultValue = "0",
            paramLabel = "N",
            description = "Refuse (close at once, log and count) connections beyond N open at once; 0 for no limit "
                    + "but the process's open-file limit (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--max-connections-per-address",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Refuse (close at once, count, and log at most once per address every 10 s) a connection whose source address "
                            + "already holds N open, so one source cannot take every slot; 0 for no limit (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(
            names = "--stats-interval",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description =
                    "Log a one-line summary of the counters this often, and at shutdown; 0 only at shutdown (default: ${DEFAULT-VALUE}).")
    int statsIntervalSeconds;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "Serve the counters, a session-duration histogram and JVM metrics for Prometheus at http://HOST:PORT/metrics, "
                            + "and /health (200 while the process runs) and /ready (200 while it accepts; 503 once it is "
                            + "stopping) for a load balancer (default: off).")
    Integer metricsPort;

    @Option(
            names = "--drain-delay",
            defaultValue = "0",
            paramLabel = "SECONDS",
            description =
                    "On SIGINT/SIGTERM, first report not ready on /ready and keep accepting for this long, so that a load "
                            + "balancer polling it takes this server out of rotation before it stops accepting; then stop as "
                            + "--grace says. A second signal ends the delay at once (default: ${DEFAULT-VALUE}).")
    int drainDelaySeconds;

    @Option(
            names = "--reuse-port",
            description =
                    "Listen with SO_REUSEPORT: the Netty server opens one listening socket per event loop, so each loop "
                            + "accepts its own connections with no hand-off to another loop; and another process "
                            + "of this user that also sets it can listen on the same port (a restart without refusals). "
                            + "Off by default, so that a second server started by mistake fails to bind instead of sharing the port.")
    boolean reusePort;

    @Option(
            names = "--proxy-protocol",
            description =
                    "Every connection must begin with a PROXY protocol header, v1 or v2 (HAProxy's send-proxy, send-proxy-v2): "
                            + "the list is sent only after a complete valid header, and the address it gives is the peer in "
                            + "the log, the counters and --max-connections-per-address. A connection without one is closed "
                            + "and counted as a proxy_header error. Off by default.")
    boolean proxyProtocol;

    @Option(
            names = "--proxy-header-timeout",
            defaultValue = "5",
            paramLabel = "SECONDS",
            description =
                    "With --proxy-protocol, close (and count as proxy_header) a connection whose header is not complete "
                            + "this long after it was accepted; at least 3 (default: ${DEFAULT-VALUE}).")
    int proxyHeaderTimeoutSeconds;

    @Option(
            names = "--proxy-trusted",
            paramLabel = "CIDR",
            description =
                    "With --proxy-protocol, accept headers only from connections whose real source address is in this "
                            + "block (IPv4 or IPv6, e.g. 127.0.0.1/32, 10.0.0.0/8, ::1/128; repeatable); others are closed at "
                            + "once and counted as rejected proxy_untrusted. Without it any client can claim any address, "
                            + "and the server warns so at start.")
    java.util.List<String> proxyTrusted = new java.util.ArrayList<>();

    @Mixin
    TlsOptions tls;

    @Option(
            names = {"-q", "--quiet"},
            description = "Log no per-connection or per-line lines, only errors and lifecycle (for benchmarks).")
    boolean quiet;

    /**
     * The validated configuration.
     *
     * @throws CommandFailure (usage, status 2) naming the first bad flag
     */
    public ServerConfig toConfig() {
        Flags.require(port >= 0 && port <= 65_535, "--port must be between 0 and 65535, not " + port + ".");
        Flags.maxFrame(maxFrame);
        Flags.require(
                idleTimeoutSeconds >= 0,
                "--idle-timeout must be 0 (never) or a number of seconds, not " + idleTimeoutSeconds + ".");
        Flags.require(graceSeconds >= 0, "--grace must be 0 or more seconds, not " + graceSeconds + ".");
        Flags.require(backlog >= 1, "--backlog must be at least 1, not " + backlog + ".");
        Flags.require(
                maxConnections >= 0, "--max-connections must be 0 (no limit) or more, not " + maxConnections + ".");
        Flags.require(
                maxConnectionsPerAddress >= 0,
                "--max-connections-per-address must be 0 (no limit) or more, not " + maxConnectionsPerAddress + ".");
        Flags.require(
                statsIntervalSeconds >= 0,
                "--stats-interval must be 0 or more seconds, not " + statsIntervalSeconds + ".");
        Flags.require(
                metricsPort == null || (metricsPort >= 0 && metricsPort <= 65_535),
                "--metrics-port must be between 0 and 65535, not " + metricsPort + ".");
        Flags.require(
                drainDelaySeconds >= 0, "--drain-delay must be 0 or more seconds, not " + drainDelaySeconds + ".");
        Flags.require(
                proxyHeaderTimeoutSeconds >= 3,
                "--proxy-header-timeout must be at least 3 seconds, not " + proxyHeaderTimeoutSeconds + ".");
        Flags.require(
                proxyProtocol || proxyTrusted.isEmpty(), "--proxy-trusted only makes sense with --proxy-protocol.");
        ProxySettings proxy = proxyProtocol
                ? new ProxySettings(
                        proxyHeaderTimeoutSeconds,
                        proxyTrusted.stream()
                                .map(block -> Cidr.parse("--proxy-trusted", block))
                                .toList())
                : null;
        return new ServerConfig(
                host,
                port,
                ListPayload.of(Flags.parseList("--list", list)),
                maxFrame,
                idleTimeoutSeconds,
                graceSeconds,
                backlog,
                quiet,
                Flags.parseFraming(framing),
                maxConnections,
                maxConnectionsPerAddress,
                statsIntervalSeconds,
                metricsPort,
                reusePort,
                drainDelaySeconds,
                proxy,
                tls.toTls());
    }
}
