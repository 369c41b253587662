package io.listlines.testing;

import io.listlines.core.ServerConfig;
import io.listlines.core.ServerOptions;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * A {@link ServerConfig} for a test, naming only what the test is about rather than spelling out all
 * fifteen values in order, and made as a server's is: from its command line, by {@link ServerOptions}. Unless set: loopback, a port the kernel picks, the default list and frame
 * limit, framed, a 30 s idle timeout, 1 s grace, a backlog of 128, sessions logged, and the hardening
 * flags' defaults (no connection limits, stats every 60 s, no metrics port, no port sharing, no drain
 * delay).
 */
public final class ServerConfigBuilder {
    private int port = 0;
    private List<Long> list = Protocol.DEFAULT_LIST;
    private int maxFrame = Protocol.DEFAULT_MAX_FRAME;
    private int idleTimeoutSeconds = 30;
    private int graceSeconds = 1;
    private int backlog = 128;
    private boolean quiet = false;
    private Framing framing = Framing.FRAMED;
    private int maxConnections = 0;
    private int maxConnectionsPerAddress = 0;
    private int statsIntervalSeconds = 60;
    private Integer metricsPort = null;
    private boolean reusePort = false;
    private int drainDelaySeconds = 0;
    private List<String> proxyArgs = List.of();
    private List<String> tlsArgs = List.of();

    public ServerConfigBuilder port(int port) {
        this.port = port;
        return this;
    }

    public ServerConfigBuilder list(List<Long> list) {
        this.list = list;
        return this;
    }

    public ServerConfigBuilder maxFrame(int maxFrame) {
        this.maxFrame = maxFrame;
        return this;
    }

    public ServerConfigBuilder idleTimeoutSeconds(int idleTimeoutSeconds) {
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        return this;
    }

    public ServerConfigBuilder graceSeconds(int graceSeconds) {
        this.graceSeconds = graceSeconds;
        return this;
    }

    public ServerConfigBuilder backlog(int backlog) {
        this.backlog = backlog;
        return this;
    }

    public ServerConfigBuilder quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    public ServerConfigBuilder framing(Framing framing) {
        this.framing = framing;
        return this;
    }

    public ServerConfigBuilder maxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
        return this;
    }

    public ServerConfigBuilder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        return this;
    }

    public ServerConfigBuilder statsIntervalSeconds(int statsIntervalSeconds) {
        this.statsIntervalSeconds = statsIntervalSeconds;
        return this;
    }

    /** Null for none; 0 for a port the kernel picks. */
    public ServerConfigBuilder metricsPort(Integer metricsPort) {
        this.metricsPort = metricsPort;
        return this;
    }

    public ServerConfigBuilder reusePort(boolean reusePort) {
        this.reusePort = reusePort;
        return this;
    }

    public ServerConfigBuilder drainDelaySeconds(int drainDelaySeconds) {
        this.drainDelaySeconds = drainDelaySeconds;
        return this;
    }

    /** {@code --proxy-protocol --proxy-header-timeout S}, and {@code --proxy-trusted} for each block. */
    public ServerConfigBuilder proxyProtocol(int headerTimeoutSeconds, String... trusted) {
        List<String> args = new ArrayList<>(
                List.of("--proxy-protocol", "--proxy-header-timeout", Integer.toString(headerTimeoutSeconds)));
        for (String block : trusted) {
            args.addAll(List.of("--proxy-trusted", block));
        }
        this.proxyArgs = args;
        return this;
    }

    /**
     * {@code --tls-cert CERT --tls-key KEY}, {@code --tls-client-ca} when {@code clientCa} is not null, and
     * {@code --tls-provider} when {@code provider} is not null.
     */
    public ServerConfigBuilder tls(Path cert, Path key, Path clientCa, String provider) {
        List<String> args = new ArrayList<>(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()));
        if (clientCa != null) {
            args.addAll(List.of("--tls-client-ca", clientCa.toString()));
        }
        if (provider != null) {
            args.addAll(List.of("--tls-provider", provider));
        }
        this.tlsArgs = args;
        return this;
    }

    /** The config the servers' own command line gives for these values: parsed and checked by {@link ServerOptions}. */
    public ServerConfig build() {
        List<String> args = new ArrayList<>(List.of(
                "--host", "127.0.0.1",
                "--port", Integer.toString(port),
                "--list", list.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--max-frame", Integer.toString(maxFrame),
                "--idle-timeout", Integer.toString(idleTimeoutSeconds),
                "--grace", Integer.toString(graceSeconds),
                "--backlog", Integer.toString(backlog),
                "--framing", framing.name().toLowerCase(Locale.ROOT),
                "--max-connections", Integer.toString(maxConnections),
                "--max-connections-per-address", Integer.toString(maxConnectionsPerAddress),
                "--stats-interval", Integer.toString(statsIntervalSeconds),
                "--drain-delay", Integer.toString(drainDelaySeconds)));
        if (metricsPort != null) {
            args.addAll(List.of("--metrics-port", Integer.toString(metricsPort)));
        }
        if (reusePort) {
            args.add("--reuse-port");
        }
        if (quiet) {
            args.add("--quiet");
        }
        args.addAll(proxyArgs);
        args.addAll(tlsArgs);
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return options.toConfig();
    }
}
