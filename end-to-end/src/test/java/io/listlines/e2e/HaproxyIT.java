package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.LoadGenerator;
import io.listlines.client.NettyClient;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.LoopbackClient;
import io.listlines.e2e.kit.RepositoryFile;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.report.LoadReport;
import io.listlines.runtime.Transport;
import io.listlines.server.NettyServerCommand;
import io.listlines.testing.TestTier;
import io.listlines.threaded.ThreadedServerCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HAProxy (Debian's {@code haproxy}; in the slow tier, skipped where it is missing unless -Pfull) in front of three listlines
 * servers on loopback, configured by the shipped {@code deploy/haproxy/haproxy.cfg} with only its
 * ports changed: 20,000 sessions from the load generator through it, from four source addresses;
 * one server gets SIGTERM mid-run with {@code --drain-delay}, so HAProxy's {@code /ready} check takes
 * it out before it stops accepting. Every session completes, and the servers' logs name the
 * generator's own addresses (from the PROXY v2 header), never HAProxy's.
 */
@Tag(TestTier.SLOW)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HaproxyIT {
    private static final int SESSIONS = 20_000;
    private static final List<String> SOURCES = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");
    private static final Pattern COMPLETE = Pattern.compile("Closed connection: ([0-9.]+):\\d+ \\(complete\\)");

    @Test
    void sessionsThroughHaproxyNameTheirClientsAndSurviveAServerStopping(@TempDir Path dir) throws Exception {
        String haproxy = ChildProcess.requireProgram(
                "haproxy", "haproxy is not installed (apt-get install haproxy): skipping HaproxyIT");

        int[] ports = freePorts(7);
        int front = ports[0];
        List<ServerProcess> servers = new ArrayList<>();
        ChildProcess balancer = null;
        try {
            for (int i = 0; i < 3; i++) {
                // Two Netty servers and a virtual-thread one: any model sits behind the same configuration.
                List<String> command = i < 2
                        ? List.of(NettyServerCommand.class.getName())
                        : List.of(ThreadedServerCommand.class.getName(), "--model", "virtual");
                servers.add(new ServerProcess(
                        command,
                        "--port",
                        Integer.toString(ports[1 + i]),
                        "--metrics-port",
                        Integer.toString(ports[4 + i]),
                        "--proxy-protocol",
                        "--proxy-trusted",
                        "127.0.0.1/32",
                        "--drain-delay",
                        "3",
                        "--stats-interval",
                        "0"));
            }
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(
                    config, withPorts(Files.readString(RepositoryFile.find("deploy/haproxy/haproxy.cfg")), ports));
            balancer = ChildProcess.start(List.of(haproxy, "-db", "-f", config.toString()));
            awaitListening(front, balancer);

            CompletableFuture<LoadReport> load = CompletableFuture.supplyAsync(() -> load(front));
            Thread.sleep(1_500);
            ServerProcess stopped = servers.get(1);
            stopped.signal("TERM");
            LoadReport report = load.get(100, TimeUnit.SECONDS);
            String haproxyLog = balancer.outputSoFar();
            assertEquals(SESSIONS, report.completed(), report.toText() + haproxyLog);
            assertEquals(0, report.failed(), report.toText() + haproxyLog);
            System.out.printf(
                    "[haproxy] %d sessions in %.1f s, 0 failed; server 2 got SIGTERM at 1.5 s%n",
                    report.completed(), report.elapsedSeconds());

            servers.get(0).signal("TERM");
            servers.get(2).signal("TERM");
            long total = 0;
            for (ServerProcess server : servers) {
                List<String> log = server.wholeLog();
                Map<String, Long> bySource = new TreeMap<>();
                for (String line : log) {
                    Matcher m = COMPLETE.matcher(line);
                    if (m.find()) {
                        bySource.merge(m.group(1), 1L, Long::sum);
                    }
                }
                assertTrue(SOURCES.containsAll(bySource.keySet()), "only the generator's addresses: " + bySource);
                assertTrue(!bySource.isEmpty(), "every server had a share: " + bySource);
                System.out.println(
                        "[haproxy] server " + (servers.indexOf(server) + 1) + " completed by source: " + bySource);
                total += bySource.values().stream().mapToLong(Long::longValue).sum();
                assertTrue(log.stream().noneMatch(l -> l.contains("PROXY header")), "no bad header");
            }
            assertTrue(String.join("\n", stopped.seen()).contains("Drain delay over"), "the stopped one drained first");
            assertTrue(haproxyLog.contains("s2 is DOWN"), "HAProxy's check took s2 out: " + haproxyLog);
            assertEquals(SESSIONS, total, "every session logged complete under its client's address");
        } finally {
            if (balancer != null) {
                balancer.close();
            }
            for (ServerProcess server : servers) {
                server.close();
            }
        }
    }

    /** The load generator, closed loop, 200 at once, from four source addresses, through the balancer. */
    private static LoadReport load(int front) {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", front);
        // epoll binds a source address without reserving its port (IP_BIND_ADDRESS_NO_PORT), as `load --bind` does.
        Transport transport = Transport.EPOLL.isAvailable() ? Transport.EPOLL : Transport.best();
        ClientConfig config = LoopbackClient.config(front, 20, transport, Protocol.DEFAULT_LIST, 0, Framing.FRAMED);
        List<InetSocketAddress> binds =
                SOURCES.stream().map(s -> new InetSocketAddress(s, 0)).toList();
        try (NettyClient client = new NettyClient(config, 2)) {
            return new LoadGenerator(
                            client,
                            config,
                            new LoadGenerator.Plan(List.of(target), binds, SESSIONS, 200, 0, 0, 0, false))
                    .run(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shipped configuration with the test's ports for the frontend, the three servers and their metrics ports. */
    static String withPorts(String shipped, int[] ports) {
        String[][] swaps = {
            {"bind 127.0.0.1:2727", "bind 127.0.0.1:" + ports[0]},
            {"127.0.0.1:2728 port 9101", "127.0.0.1:" + ports[1] + " port " + ports[4]},
            {"127.0.0.1:2729 port 9102", "127.0.0.1:" + ports[2] + " port " + ports[5]},
            {"127.0.0.1:2730 port 9103", "127.0.0.1:" + ports[3] + " port " + ports[6]},
        };
        String config = shipped;
        for (String[] swap : swaps) {
            assertTrue(config.contains(swap[0]), "the shipped haproxy.cfg has " + swap[0]);
            config = config.replace(swap[0], swap[1]);
        }
        return config;
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static void awaitListening(int port, ChildProcess balancer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            assertTrue(balancer.process().isAlive(), "haproxy exited: " + balancer.outputSoFar());
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(1_500); // a first round of checks against /ready
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("haproxy does not listen on " + port + ": " + balancer.outputSoFar());
    }
}
