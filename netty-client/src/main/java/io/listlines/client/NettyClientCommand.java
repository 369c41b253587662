package io.listlines.client;

import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.CommandLines;
import io.listlines.runtime.ServerOptions;
import io.listlines.runtime.Transport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netty-client}: the article's client on Netty, one session or many at once. */
@Command(name = "netty-client", mixinStandardHelpOptions = true, version = "listlines netty-client 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Connects to a list-lines server, prints the list it sends, sends the ten lines 'Hey. 0' ... 'Hey. 9' and waits for the server to close. With --connections N it runs N such sessions at once on one event loop group and prints a one-line summary.",
            "Exits 0 when every session completed, 1 otherwise, 2 on a bad command line.",
            ""})
public final class NettyClientCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Server to connect to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + Protocol.DEFAULT_PORT, paramLabel = "PORT",
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-c", "--connections"}, defaultValue = "1", paramLabel = "N",
            description = "Sessions to run at once (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Longest wait to connect, or for the server to send or close (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--max-frame", defaultValue = "" + Protocol.DEFAULT_MAX_FRAME, paramLabel = "BYTES",
            description = "Largest frame accepted from the server (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = "--expect-list", paramLabel = "INTS",
            description = "Fail a session unless the server sends exactly this list, e.g. 1,2,7,9,0.")
    String expectList;

    @Option(names = "--framing", defaultValue = "framed", paramLabel = "framed|raw",
            description = "framed: PROTOCOL.md's length-prefixed frames; raw: the article's own programs' format, for their servers (default: ${DEFAULT-VALUE}).")
    String framing;

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "auto|io_uring|epoll|nio",
            description = "Netty transport (default: ${DEFAULT-VALUE}, the best this machine supports).")
    String transport;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new NettyClientCommand(), args));
    }

    @Override
    public Integer call() {
        ClientConfig config = toConfig();
        if (connections < 1) {
            throw CommandFailure.usage("--connections must be at least 1, not " + connections + ".");
        }
        long began = System.nanoTime();
        List<SessionResult> results;
        try (NettyClient client = new NettyClient(config, threads)) {
            results = client.runAll(connections);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (connections == 1) {
            SessionResult result = results.get(0);
            if (result.list() != null) {
                System.out.println(PickledList.repr(result.list()));
            }
            if (!result.isComplete()) {
                throw CommandFailure.failed(result.message());
            }
            return 0;
        }
        System.out.println(summary(results, millis));
        SessionResult firstFailure = results.stream().filter(r -> !r.isComplete()).findFirst().orElse(null);
        if (firstFailure != null) {
            throw CommandFailure.failed("First failure: " + firstFailure.message());
        }
        return 0;
    }

    ClientConfig toConfig() {
        if (port < 1 || port > 65_535) {
            throw CommandFailure.usage("--port must be between 1 and 65535, not " + port + ".");
        }
        if (timeoutSeconds < 1) {
            throw CommandFailure.usage("--timeout must be at least 1 second, not " + timeoutSeconds + ".");
        }
        if (maxFrame < 1 || maxFrame > Protocol.MAX_FRAME_LIMIT) {
            throw CommandFailure.usage("--max-frame must be between 1 and " + Protocol.MAX_FRAME_LIMIT + " bytes, not " + maxFrame + ".");
        }
        if (threads < 1) {
            throw CommandFailure.usage("--threads must be at least 1, not " + threads + ".");
        }
        Transport chosen = Transport.select(transport);
        List<Long> expected = expectList == null ? null : ServerOptions.parseList(expectList);
        return new ClientConfig(host, port, maxFrame, timeoutSeconds, chosen, expected, 0, ServerOptions.parseFraming(framing));
    }

    static String summary(List<SessionResult> results, long millis) {
        Map<Outcome, Long> byOutcome = results.stream()
                .collect(Collectors.groupingBy(SessionResult::outcome, () -> new EnumMap<>(Outcome.class), Collectors.counting()));
        long complete = byOutcome.getOrDefault(Outcome.COMPLETE, 0L);
        String lists = results.stream().filter(r -> r.list() != null).map(r -> PickledList.repr(r.list()))
                .distinct().collect(Collectors.joining(", "));
        StringBuilder line = new StringBuilder();
        line.append(complete).append(" of ").append(results.size()).append(" sessions complete");
        byOutcome.forEach((outcome, count) -> {
            if (outcome != Outcome.COMPLETE) {
                line.append(", ").append(count).append(' ').append(outcome);
            }
        });
        line.append(" in ").append(millis).append(" ms");
        if (!lists.isEmpty()) {
            line.append("; list ").append(lists);
        }
        return line.toString();
    }
}
