package io.listlines.core;

/**
 * What a server of any model is made of besides its threads and sockets: its counters, the
 * admission of new connections, the sessions and what they report to (the log lines, the
 * counters and, with {@code --metrics-port}, the metrics), and what it does when accepting fails.
 * The Netty server and the blocking servers each hold one and differ only in how they move bytes.
 */
public final class ServerCore {
    private final ServerConfig config;
    private final ModelLabels model;
    private final ServerStats stats = new ServerStats();
    private final ServerMetrics metrics;
    private final Admission admission;
    private final Sessions sessions;
    /** Null without --proxy-protocol. */
    private final ProxyPolicy proxy;

    private volatile boolean ready = true;

    public ServerCore(ServerConfig config, ModelLabels model) {
        this.config = config;
        this.model = model;
        this.admission = new Admission(stats, config.maxConnections(), config.maxConnectionsPerAddress());
        SessionLogger logger = new SessionLogger(config.quiet());
        // Metrics only when they are served: the session histogram then costs one observation per session.
        this.metrics = config.metricsPort() != null ? new ServerMetrics(stats, model) : null;
        this.sessions = metrics != null
                ? new Sessions(config.idleTimeoutSeconds(), logger, stats, admission, metrics)
                : new Sessions(config.idleTimeoutSeconds(), logger, stats, admission);
        this.proxy = config.proxyProtocol()
                ? new ProxyPolicy(config.proxy(), stats, admission, sessions, config.quiet())
                : null;
    }

    public ServerConfig config() {
        return config;
    }

    public ModelLabels model() {
        return model;
    }

    public ServerStats stats() {
        return stats;
    }

    public Admission admission() {
        return admission;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** What PROXY protocol headers mean, with {@code --proxy-protocol}; null without. */
    public ProxyPolicy proxy() {
        return proxy;
    }

    /** A fresh account of accept failures, for the server's one accepting thread. */
    public AcceptFailures acceptFailures() {
        return new AcceptFailures(stats);
    }

    /**
     * Starts the {@code Stats:} line and, with {@code --metrics-port}, the metrics endpoint.
     *
     * @throws io.listlines.runtime.CommandFailure if the metrics port cannot be bound
     */
    public ServerMonitor startMonitor() {
        if (proxy != null) {
            proxy.logTrust(); // with the listener up, where the operator looks at start
        }
        return ServerMonitor.start(config, stats, metrics, () -> ready);
    }

    /** From now on {@code /ready} answers 503: the server is stopping (it may still accept for a while). */
    public void drain() {
        ready = false;
    }
}
