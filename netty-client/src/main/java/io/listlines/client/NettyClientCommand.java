package io.listlines.client;

import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.report.Outcome;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.CommandLines;
import io.listlines.runtime.NettyProgramVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netty-client}: the article's client on Netty, one session or many at once. */
@Command(
        name = "netty-client",
        mixinStandardHelpOptions = true,
        subcommands = {LoadCommand.class, MergeCommand.class, SoakCommand.class},
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Connects to a list-lines server, prints the list it sends, sends the ten lines 'Hey. 0' ... 'Hey. 9' and waits for the server to close. With --connections N it runs N such sessions at once on one event loop group and prints a one-line summary.",
            "Exits 0 when every session completed, 1 otherwise, 2 on a bad command line.",
            "'netty-client load --help' explains the load generator; 'netty-client merge --help' how reports of many generators become one.",
            ""
        })
public final class NettyClientCommand implements Callable<Integer> {
    @Option(
            names = "--host",
            defaultValue = "localhost",
            paramLabel = "HOST",
            description = "Server to connect to (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + Protocol.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = {"-c", "--connections"},
            defaultValue = "1",
            paramLabel = "N",
            description = "Sessions to run at once (default: ${DEFAULT-VALUE}).")
    int connections;

    @Mixin
    ClientOptions client;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new NettyClientCommand(), args));
    }

    @Override
    public Integer call() {
        ClientConfig config = client.toConfig(host, port, 0, null);
        if (connections < 1) {
            throw CommandFailure.usage("--connections must be at least 1, not " + connections + ".");
        }
        long began = System.nanoTime();
        List<SessionResult> results;
        try (NettyClient nettyClient = new NettyClient(config, client.threads(1))) {
            results = nettyClient.runAll(connections);
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
        SessionResult firstFailure =
                results.stream().filter(r -> !r.isComplete()).findFirst().orElse(null);
        if (firstFailure != null) {
            throw CommandFailure.failed("First failure: " + firstFailure.message());
        }
        return 0;
    }

    static String summary(List<SessionResult> results, long millis) {
        Map<Outcome, Long> byOutcome = results.stream()
                .collect(Collectors.groupingBy(
                        SessionResult::outcome, () -> new EnumMap<>(Outcome.class), Collectors.counting()));
        long complete = byOutcome.getOrDefault(Outcome.COMPLETE, 0L);
        String lists = results.stream()
                .filter(r -> r.list() != null)
                .map(r -> PickledList.repr(r.list()))
                .distinct()
                .collect(Collectors.joining(", "));
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
