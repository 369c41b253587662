package io.listlines.core;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.BooleanSupplier;

/**
 * A server's metrics for Prometheus, in a registry of its own (tests run several servers in one
 * JVM): the {@link ServerStats} counters, read through callbacks at scrape time so the
 * per-connection path stays the LongAdders it was; a histogram of session durations; and the
 * client library's JVM and process metrics.
 *
 * <p>Every series, the JVM's included, carries the server's {@link ModelLabels} as labels:
 * {@code model}, and {@code transport} and {@code threads} where the model has them. Not a
 * {@code listlines_server_info} gauge beside unlabelled series: one process is one model, so the
 * labels add no series, and comparing models (what the benchmark does) is then a plain
 * {@code sum by (model, threads)} rather than a {@code group_left} join on every query.
 */
public final class ServerMetrics implements SessionListener {
    /** Session durations from a quick local session (~1 ms) to one held to a long idle timeout (60 s). */
    static final double[] SESSION_SECONDS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60,
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final DistributionDataPoint completeSeconds;
    private final DistributionDataPoint incompleteSeconds;
    private final DistributionDataPoint errorSeconds;
    private final Labels constLabels;

    public ServerMetrics(ServerStats stats, ModelLabels model) {
        Labels labels = labels(model);
        constLabels = labels;
        CounterWithCallback.builder()
                .name("listlines_connections_accepted_total")
                .constLabels(labels)
                .help(
                        "Connections accepted from the listening socket, those then refused over --max-connections included.")
                .callback(cb -> cb.call(stats.accepted()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("listlines_connections_open")
                .constLabels(labels)
                .help("Connections open now.")
                .callback(cb -> cb.call(stats.open()))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_connections_rejected_total")
                .constLabels(labels)
                .labelNames("reason")
                .help(
                        "Connections closed at once, by the limit that refused them: max_connections (--max-connections were open) or "
                                + "max_connections_per_address (as many were open from its address) or proxy_untrusted (a PROXY "
                                + "header's sender outside --proxy-trusted); a subset of those accepted.")
                .callback(cb -> stats.rejectedByReason().forEach((reason, count) -> cb.call(count, reason)))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_accept_errors_total")
                .constLabels(labels)
                .labelNames("cause")
                .help("accept() calls that failed, by cause, e.g. EMFILE.")
                .callback(cb -> stats.acceptErrors().forEach((cause, count) -> cb.call(count, cause)))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_sessions_total")
                .constLabels(labels)
                .labelNames("outcome")
                .help(
                        "Sessions ended, by outcome: complete (ten lines read), incomplete (the client left early), error.")
                .callback(cb -> {
                    cb.call(stats.complete(), "complete");
                    cb.call(stats.incomplete(), "incomplete");
                    cb.call(stats.errorTotal(), "error");
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_sessions_cut_total")
                .constLabels(labels)
                .help("Sessions still open when the shutdown grace period ran out, closed by the server.")
                .callback(cb -> cb.call(stats.cut()))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_session_errors_total")
                .constLabels(labels)
                .labelNames("reason")
                .help("Sessions ended by an error, by reason; proxy_header counts connections whose PROXY header was "
                        + "missing, late or malformed, before any session; tls_not_tls, tls_handshake, "
                        + "tls_no_client_certificate and tls_bad_client_certificate count failed TLS handshakes, "
                        + "tls_on_plaintext a TLS handshake sent to a plaintext server.")
                .callback(cb -> stats.errors().forEach((reason, count) -> cb.call(count, reason)))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_lines_read_total")
                .constLabels(labels)
                .help("Lines read from clients.")
                .callback(cb -> cb.call(stats.lines()))
                .register(registry);
        CounterWithCallback.builder()
                .name("listlines_proxy_local_sessions_total")
                .constLabels(labels)
                .help(
                        "PROXY protocol LOCAL connections served (a load balancer's own checks), not counted as sessions.")
                .callback(cb -> cb.call(stats.proxyLocal()))
                .register(registry);
        // Classic buckets only: native ones would cost a map lookup per observation and show only in protobuf scrapes.
        Histogram sessionSeconds = Histogram.builder()
                .name("listlines_session_duration_seconds")
                .unit(Unit.SECONDS)
                .constLabels(labels)
                .help("How long sessions lasted, from accept to close, by outcome.")
                .labelNames("outcome")
                .classicOnly()
                .classicUpperBounds(SESSION_SECONDS)
                .withoutExemplars()
                .register(registry);
        completeSeconds = sessionSeconds.labelValues("complete");
        incompleteSeconds = sessionSeconds.labelValues("incomplete");
        errorSeconds = sessionSeconds.labelValues("error");
        JvmMetrics.builder().constLabels(labels).register(registry);
    }

    /**
     * {@code listlines_ready}: 1 while the server accepts, 0 once it is stopping, what {@code /ready}
     * answers a load balancer, as a series an alert can watch.
     */
    void readiness(BooleanSupplier ready) {
        GaugeWithCallback.builder()
                .name("listlines_ready")
                .constLabels(constLabels)
                .help("1 while the server accepts connections, 0 once it is stopping (what /ready answers).")
                .callback(cb -> cb.call(ready.getAsBoolean() ? 1 : 0))
                .register(registry);
    }

    /** The model's labels, without those it has no value for. */
    static Labels labels(ModelLabels model) {
        Labels labels = Labels.of("model", model.name());
        if (model.transport() != null) {
            labels = labels.add("transport", model.transport());
        }
        if (model.threads() > 0) {
            labels = labels.add("threads", Integer.toString(model.threads()));
        }
        return labels;
    }

    @Override
    public void closed(ServerSession session) {
        if (session.isLocal()) {
            return;
        }
        sessionEnded(session.outcome(), session.ageNanos());
    }

    /** Records one session's duration under its outcome; cheap enough for every session. */
    void sessionEnded(ServerSession.Outcome outcome, long durationNanos) {
        DistributionDataPoint point = switch (outcome) {
            case COMPLETE -> completeSeconds;
            case INCOMPLETE -> incompleteSeconds;
            case ERROR -> errorSeconds;
        };
        point.observe(durationNanos / 1e9);
    }

    PrometheusRegistry registry() {
        return registry;
    }
}
