package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientRun;
import io.listlines.client.LoadGenerator;
import io.listlines.core.ListLinesServer;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.InProcessLoad;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.process.OpenFileLimit;
import io.listlines.protocol.Protocol;
import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import io.listlines.runtime.Transport;
import io.listlines.testing.TestTier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The load generator's behaviour (not its speed: the bench reports that). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoadGeneratorIT {
    private ListLinesServer server;
    private InetSocketAddress address;

    @BeforeEach
    void startServer() {
        server = ServerModels.all().get(0).make().apply(ServerModels.config(Protocol.DEFAULT_LIST, 30, true));
        address = server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop();
    }

    private LoadReport run(
            List<InetSocketAddress> targets,
            long sessions,
            int concurrency,
            double rate,
            int think,
            int duration,
            boolean hold,
            List<Long> expect)
            throws InterruptedException {
        return InProcessLoad.run(
                targets,
                5,
                expect,
                think,
                new LoadGenerator.Plan(targets, List.of(), sessions, concurrency, rate, duration, 0, hold));
    }

    @Test
    void aClosedLoopCompletesEverySessionWithinTheConcurrency() throws Exception {
        LoadReport report = run(List.of(address), 2000, 50, 0, 0, 0, false, Protocol.DEFAULT_LIST);
        assertEquals(2000, report.started());
        assertEquals(2000, report.completed());
        assertEquals(0, report.failed());
        assertTrue(report.peakOpen() <= 50 && report.peakOpen() > 1, "peak " + report.peakOpen());
        assertEquals(2000, report.latencyMillis().get("session").count());
        assertTrue(report.sessionsPerSecond() > 0);
        LoadReport.Latency session = report.latencyMillis().get("session");
        assertTrue(session.p50() <= session.p99() && session.p99() <= session.max());
    }

    @Test
    void anOpenLoopKeepsItsSchedule() throws Exception {
        long began = System.nanoTime();
        LoadReport report = run(List.of(address), 300, 20, 200, 0, 0, false, null);
        double seconds = (System.nanoTime() - began) / 1e9;
        assertEquals(300, report.completed());
        assertEquals("open", report.mode());
        assertTrue(seconds >= 1.4, "300 sessions at 200/s take about 1.5 s, not " + seconds);
    }

    @Test
    void heldSessionsStayOpenUntilTheDurationEnds() throws Exception {
        LoadReport report = run(List.of(address), 0, 40, 0, 100, 2, true, null);
        assertEquals("hold", report.mode());
        assertEquals(40, report.peakOpen());
        assertEquals(0, report.failed());
        assertTrue(report.completed() >= 40, "each slot ran at least one whole slow session");
        assertTrue(report.latencyMillis().get("session").p50() >= 900, "ten lines, 100 ms apart");
    }

    @Test
    void failuresAreCountedByCause() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        LoadReport refused = run(List.of(new InetSocketAddress("127.0.0.1", closed)), 20, 5, 0, 0, 0, false, null);
        assertEquals(20, refused.failures().get(Outcome.REFUSED));
        assertEquals(0, refused.completed());

        LoadReport wrongList = run(List.of(address), 20, 5, 0, 0, 0, false, List.of(4L));
        assertEquals(20, wrongList.failures().get(Outcome.PROTOCOL_ERROR));
    }

    @Test
    void targetsAreUsedRoundRobin() throws Exception {
        ListLinesServer second = ServerModels.all().get(0).make().apply(ServerModels.config(List.of(7L), 30, true));
        InetSocketAddress other = second.start();
        try {
            LoadReport report = run(List.of(address, other), 100, 10, 0, 0, 0, false, null);
            assertEquals(100, report.completed());
            assertEquals(2, report.targets().size());
        } finally {
            second.stop();
        }
    }

    @Test
    void theJsonReportHasEveryField(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        ClientRun run = ClientRun.of(
                "load",
                "--target",
                "127.0.0.1:" + address.getPort(),
                "--sessions",
                "200",
                "--concurrency",
                "20",
                "--json",
                json.toString(),
                "--no-progress");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("completed   200 of 200 started"), run.out());
        String text = Files.readString(json, StandardCharsets.UTF_8);
        for (String key : new String[] {
            "\"targets\":[\"127.0.0.1:",
            "\"mode\":\"closed\"",
            "\"completed\":200",
            "\"failed\":0",
            "\"failures\":{\"refused\":0,\"reset\":0,\"timeout\":0,\"protocol_error\":0,\"closed_early\":0,\"tls\":0,\"other\":0}",
            "\"peakOpen\":",
            "\"sessionsPerSecond\":",
            "\"latencyMillis\":{\"connect\":{\"p50\":",
            "\"p99.9\":",
            "\"openFileLimit\":"
        }) {
            assertTrue(text.contains(key), key + " in " + text);
        }
    }

    @Test
    void aConcurrencyOverTheOpenFileLimitIsRefusedBeforeStarting() {
        OpenFileLimit limit = OpenFileLimit.current();
        TestTier.requirePrerequisite(limit.isKnown(), "no /proc/self/limits here");
        ClientRun run = ClientRun.of(
                "load",
                "--target",
                "127.0.0.1:" + address.getPort(),
                "--concurrency",
                String.valueOf(limit.soft() + 1));
        assertEquals(2, run.status());
        assertTrue(
                run.err()
                        .startsWith("Cannot hold " + (limit.soft() + 1) + " connections: this process may open "
                                + limit.soft() + " files"),
                run.err());
        assertEquals(1, run.err().strip().lines().count());
    }

    @Test
    void badLoadFlagsAreOneSentence() {
        assertEquals(
                new ClientRun(
                        2, "", "--hold needs --duration: held sessions go on until it ends." + System.lineSeparator()),
                ClientRun.of("load", "--hold"));
        assertEquals(2, ClientRun.of("load", "--target", "nowhere").status());
        assertEquals(2, ClientRun.of("load", "--sessions", "0").status());
    }

    /**
     * One source address and one target give the kernel's ephemeral range of ports, and no more:
     * in a network namespace of our own, with that range cut to 400 ports, 1,000 connections are
     * held through three source addresses (IP_BIND_ADDRESS_NO_PORT), while one address is refused. In the slow
     * tier: about 12 s, and it needs root, unshare and ip.
     */
    @Tag(TestTier.SLOW)
    @Test
    void severalSourceAddressesGoPastOneAddressPairsPorts() throws Exception {
        TestTier.requirePrerequisite(Transport.EPOLL.isAvailable(), "epoll is not available here");
        String unshare = ChildProcess.requireProgram("unshare", "unshare (util-linux) is not installed");
        ChildProcess.requireProgram("ip", "ip (iproute2) is not installed");
        String script = String.join(
                "\n",
                "set -e",
                "ip link set lo up",
                "sysctl -qw net.ipv4.ip_local_port_range='40000 40399'",
                "J='" + String.join(" ", ServerProcess.javaCommand(List.of())) + "'",
                "$J io.listlines.server.NettyServerCommand --host 127.0.0.1 --port 2727 --quiet --transport epoll > server.log 2>&1 &",
                "server=$!",
                "trap 'kill $server 2>/dev/null' EXIT",
                "for i in $(seq 100); do grep -q Listening server.log && break; sleep 0.1; done",
                "set +e",
                "$J io.listlines.client.NettyClientCommand load --target 127.0.0.1:2727 --bind 127.0.0.1 --concurrency 1000 --sessions 1000 --no-progress > one.txt 2>&1",
                "echo \"one-address-status $?\"",
                "$J io.listlines.client.NettyClientCommand load --target 127.0.0.1:2727 --bind 127.0.0.2 --bind 127.0.0.3 --bind 127.0.0.4 "
                        + "--concurrency 1000 --hold --think 300 --duration 4 --transport epoll --no-progress --json three.json > three.txt 2>&1",
                "echo \"three-address-status $?\"");
        Path dir = Files.createTempDirectory("bind-test");
        String output = ChildProcess.run(
                        new ProcessBuilder(unshare, "-n", "bash", "-c", script).directory(dir.toFile()),
                        Duration.ofSeconds(90))
                .output();
        TestTier.requirePrerequisite(
                !output.contains("Operation not permitted") && !output.contains("unshare failed"),
                "cannot make a network namespace here: "
                        + output.lines().findFirst().orElse(""));
        assertTrue(output.contains("one-address-status 2"), output + read(dir.resolve("one.txt")));
        assertTrue(
                read(dir.resolve("one.txt")).contains("give about 400 ephemeral ports"), read(dir.resolve("one.txt")));
        assertTrue(output.contains("three-address-status 0"), output + read(dir.resolve("three.txt")));
        String json = read(dir.resolve("three.json"));
        assertTrue(json.contains("\"peakOpen\":1000"), json);
        assertTrue(json.contains("\"failed\":0"), json);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no " + file.getFileName() + ")";
    }
}
