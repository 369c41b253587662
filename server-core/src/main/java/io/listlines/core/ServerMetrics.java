package io.listlines.core;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * A server's metrics for Prometheus, in a registry of its own (tests run several servers in one
 * JVM): the {@link ServerStats} counters, read through callbacks at scrape time so the
 * per-connection path stays the LongAdders it was; and the client library's JVM and process
 * metrics.
 *
 * <p>Every series, the JVM's included, carries the server's {@link ServerModel} as labels:
 * {@code model}, and {@code transport} and {@code threads} where the model has them. Not a
 * {@code listlines_server_info} gauge beside unlabelled series: one process is one model, so the
 * labels add no series, and comparing models (what the benchmark does) is then a plain
 * {@code sum by (model, threads)} rather than a {@code group_left} join on every query.
 */
public final class ServerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    public ServerMetrics(ServerStats stats, ServerModel model) {
        Labels labels = labels(model);
        CounterWithCallback.builder().name("listlines_connections_accepted_total").constLabels(labels)
                .help("Connections accepted from the listening socket, those then refused over --max-connections included.")
                .callback(cb -> cb.call(stats.accepted())).register(registry);
        GaugeWithCallback.builder().name("listlines_connections_open").constLabels(labels)
                .help("Connections open now.")
                .callback(cb -> cb.call(stats.open())).register(registry);
        CounterWithCallback.builder().name("listlines_connections_rejected_total").constLabels(labels)
                .help("Connections closed at once because --max-connections were open (a subset of those accepted).")
                .callback(cb -> cb.call(stats.rejected())).register(registry);
        CounterWithCallback.builder().name("listlines_accept_errors_total").constLabels(labels).labelNames("cause")
                .help("accept() calls that failed, by cause, e.g. EMFILE.")
                .callback(cb -> stats.acceptErrors().forEach((cause, count) -> cb.call(count, cause))).register(registry);
        CounterWithCallback.builder().name("listlines_sessions_total").constLabels(labels).labelNames("outcome")
                .help("Sessions ended, by outcome: complete (ten lines read), incomplete (the client left early), error.")
                .callback(cb -> {
                    cb.call(stats.complete(), "complete");
                    cb.call(stats.incomplete(), "incomplete");
                    cb.call(stats.errorTotal(), "error");
                }).register(registry);
        CounterWithCallback.builder().name("listlines_sessions_cut_total").constLabels(labels)
                .help("Sessions still open when the shutdown grace period ran out, closed by the server.")
                .callback(cb -> cb.call(stats.cut())).register(registry);
        CounterWithCallback.builder().name("listlines_session_errors_total").constLabels(labels).labelNames("reason")
                .help("Sessions ended by an error, by reason.")
                .callback(cb -> stats.errors().forEach((reason, count) -> cb.call(count, reason))).register(registry);
        CounterWithCallback.builder().name("listlines_lines_read_total").constLabels(labels)
                .help("Lines read from clients.")
                .callback(cb -> cb.call(stats.lines())).register(registry);
        JvmMetrics.builder().constLabels(labels).register(registry);
    }

    /** The model's labels, without those it has no value for. */
    static Labels labels(ServerModel model) {
        Labels labels = Labels.of("model", model.name());
        if (model.transport() != null) {
            labels = labels.add("transport", model.transport());
        }
        if (model.threads() > 0) {
            labels = labels.add("threads", Integer.toString(model.threads()));
        }
        return labels;
    }

    PrometheusRegistry registry() {
        return registry;
    }
}
