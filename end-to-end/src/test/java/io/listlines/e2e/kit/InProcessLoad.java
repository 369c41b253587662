package io.listlines.e2e.kit;

import io.listlines.client.ClientConfig;
import io.listlines.client.LoadGenerator;
import io.listlines.client.NettyClient;
import io.listlines.protocol.Framing;
import io.listlines.report.LoadReport;
import io.listlines.runtime.Transport;
import java.net.InetSocketAddress;
import java.util.List;

/** The load generator in the test's own JVM, framed, on the best transport, two event loops: as the end-to-end tests drive it. */
public final class InProcessLoad {
    private InProcessLoad() {}

    /** A run as {@code netty-client load} makes it, with {@code --timeout timeoutSeconds}. */
    public static LoadReport run(
            List<InetSocketAddress> targets, int timeoutSeconds, List<Long> expect, int think, LoadGenerator.Plan plan)
            throws InterruptedException {
        ClientConfig config = LoopbackClient.config(
                targets.get(0).getPort(), timeoutSeconds, Transport.best(), expect, think, Framing.FRAMED);
        try (NettyClient client = new NettyClient(config, 2)) {
            return new LoadGenerator(client, config, plan).run(null);
        }
    }

    /** {@code sessions} sessions against {@code target}, {@code concurrency} at once, {@code think} ms before each line. */
    public static LoadReport closedLoop(
            InetSocketAddress target, int timeoutSeconds, int think, long sessions, int concurrency) {
        try {
            return run(
                    List.of(target),
                    timeoutSeconds,
                    null,
                    think,
                    new LoadGenerator.Plan(List.of(target), List.of(), sessions, concurrency, 0, 0, 0, false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
