package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.MetricsScrape;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.core.ListLinesServer;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerStats;
import io.listlines.e2e.kit.LoopbackClient;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Frames;
import io.listlines.testing.LoopbackHttp;
import io.listlines.testing.Pickles;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.SessionLogCapture;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Limits, counters and metrics: every server model passes the same tests. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HardeningIT {
    /** Netty and thread-per-client in the fast tier, every model under -Pfull. */
    static List<ServerModels.Factory> models() {
        return ServerModels.inTier(ServerModels.all(), "thread-per-client");
    }

    /** The server under test: quiet, no periodic stats; each test sets the limit or the port it is about. */
    private static ServerConfigBuilder config() {
        return ServerModels.configBuilder().quiet(true).statsIntervalSeconds(0);
    }

    /** A client of the server under test: any list, framed. */
    private static ClientConfig clientConfig(int port) {
        return LoopbackClient.config(port, null, Framing.FRAMED);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    /** Every model, the pool with threads enough to serve every held connection at once (its queue is not what is tested). */
    static List<ServerModels.Factory> modelsServingAllAtOnce() {
        return ServerModels.inTier(ServerModels.withPoolThreads(16), "pool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsServingAllAtOnce")
    void oneSourceAddressCannotTakeEverySlot(ServerModels.Factory model) throws Exception {
        ListLinesServer server =
                model.make().apply(config().maxConnectionsPerAddress(3).build());
        InetSocketAddress address = server.start();
        List<Socket> held = new ArrayList<>();
        try (SessionLogCapture log = new SessionLogCapture()) {
            for (String source : List.of("127.0.0.2", "127.0.0.3")) {
                for (int i = 0; i < 3; i++) {
                    held.add(connectFrom(source, address));
                }
            }
            await(() -> server.stats().open() == 6, "three connections from each of two addresses are open");
            for (int i = 0; i < 4; i++) {
                try (Socket extra = connectFrom("127.0.0.2", address)) {
                    assertEquals(
                            -1,
                            extra.getInputStream().read(),
                            "a fourth connection from 127.0.0.2 is closed without a list");
                }
            }
            for (Socket socket : held) {
                assertEquals(
                        Protocol.DEFAULT_LIST,
                        Pickles.unpickle(Frames.readFrame(socket.getInputStream())),
                        "every admitted connection, from either address, gets the list");
            }
            try (Socket other = connectFrom("127.0.0.4", address)) {
                assertEquals(
                        Protocol.DEFAULT_LIST,
                        Pickles.unpickle(Frames.readFrame(other.getInputStream())),
                        "another address is not capped");
            }
            assertEquals(
                    Map.of("max_connections_per_address", 4L), server.stats().rejectedByReason());
            List<String> refusals = log.lines().stream()
                    .filter(l -> l.startsWith("Rejected connection: 127.0.0.2:"))
                    .toList();
            assertEquals(1, refusals.size(), "one line per address per interval, not one per refusal: " + refusals);
            assertTrue(refusals.get(0).contains("--max-connections-per-address"), refusals.get(0));

            held.forEach(HardeningIT::closeQuietly);
            await(() -> server.stats().open() == 0, "the held connections are closed");
            try (Socket again = connectFrom("127.0.0.2", address)) {
                assertEquals(
                        Protocol.DEFAULT_LIST,
                        Pickles.unpickle(Frames.readFrame(again.getInputStream())),
                        "the address's slots come back as its connections close");
            }
        } finally {
            held.forEach(HardeningIT::closeQuietly);
            server.stop();
        }
    }

    private static Socket connectFrom(String source, InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void connectionsOverTheLimitAreClosedAtOnceAndCounted(ServerModels.Factory model) throws Exception {
        ListLinesServer server = model.make().apply(config().maxConnections(3).build());
        InetSocketAddress address = server.start();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                sockets.add(new Socket(address.getAddress(), address.getPort()));
            }
            await(() -> server.stats().open() == 3, "three connections are open");
            for (int i = 0; i < 2; i++) {
                try (Socket extra = new Socket(address.getAddress(), address.getPort())) {
                    extra.setSoTimeout(5000);
                    assertEquals(
                            -1, extra.getInputStream().read(), "a connection over the limit is closed without a list");
                }
            }
            ServerStats stats = server.stats();
            assertEquals(2, stats.rejected());
            assertEquals(5, stats.accepted());
            sockets.forEach(HardeningIT::closeQuietly);
            await(() -> server.stats().open() == 0, "the admitted connections are closed");
            try (NettyClient client = new NettyClient(clientConfig(address.getPort()), 1)) {
                assertTrue(client.run().get(10, TimeUnit.SECONDS).isComplete(), "the server is healthy after refusing");
            }
            assertEquals(1, server.stats().complete());
            assertEquals(3, server.stats().incomplete());
            assertEquals(10, server.stats().lines());
        } finally {
            sockets.forEach(HardeningIT::closeQuietly);
            server.stop();
        }
    }

    /**
     * Clients that never read a list far larger than the socket buffers: the server must neither
     * copy the list for each of them nor be held up by them. They are closed at the idle timeout
     * and counted, while a client that reads is served meanwhile.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void clientsThatNeverReadABigListCostNoCopyOfItAndAreClosedAtTheIdleTimeout(ServerModels.Factory model)
            throws Exception {
        // ~9 MB of pickle: far more than the socket buffers hold, so the server's writes cannot finish.
        List<Long> big =
                LongStream.range(0, 1_000_000).map(i -> i * 1_000_003L).boxed().toList();
        ServerConfig config = config().list(big).idleTimeoutSeconds(2).build();
        int listBytes = config.list().pickle().length;
        int lazyClients = 4;
        ListLinesServer server = model.make().apply(config);
        InetSocketAddress address = server.start();
        List<Socket> lazy = new ArrayList<>();
        try {
            long before = offHeapBytes();
            for (int i = 0; i < lazyClients; i++) {
                Socket socket = new Socket();
                lazy.add(socket);
                socket.setReceiveBufferSize(4096);
                socket.connect(address);
            }
            await(() -> server.stats().open() == lazyClients, "the lazy clients are connected");
            // A plain blocking reader: a Netty client's byte-by-byte parse of 9 MB crawls under the
            // PARANOID leak detector. The pool's two threads first wait out two rounds of lazy clients.
            readTheListAndSendTheLines(address, listBytes);
            long grown = offHeapBytes() - before;
            assertTrue(
                    grown < 2L * listBytes,
                    String.format(
                            "%d clients that never read a %,d-byte list grew the off-heap buffers by %,d bytes: the list is copied per client",
                            lazyClients, listBytes, grown));
            await(() -> server.stats().open() == 0, "the server gave up on the clients that never read");
            assertEquals(
                    (long) lazyClients,
                    server.stats().errors().get("idle_timeout"),
                    server.stats().summary());
            assertEquals(1, server.stats().complete(), server.stats().summary());
        } finally {
            lazy.forEach(HardeningIT::closeQuietly);
            server.stop();
        }
    }

    private static void readTheListAndSendTheLines(InetSocketAddress address, int listBytes) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            assertEquals(listBytes, Frames.readFrame(in).length, "the list frame's length");
            OutputStream out = socket.getOutputStream();
            out.write(Frames.tenLineFrames());
            out.flush();
            assertEquals(-1, in.read(), "the server closes after the tenth line");
        }
    }

    /** Direct buffers in use in this JVM: the JDK's, and Netty's own if it allocates without the JDK. */
    private static long offHeapBytes() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return jdk + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theCountersAreServedForPrometheus(ServerModels.Factory model) throws Exception {
        ListLinesServer server = model.make().apply(config().metricsPort(0).build());
        InetSocketAddress address = server.start();
        try (NettyClient client = new NettyClient(clientConfig(address.getPort()), 1)) {
            assertEquals(
                    3,
                    client.runAll(3).stream().filter(SessionResult::isComplete).count());
            try (Socket bad = new Socket(address.getAddress(), address.getPort())) {
                bad.getOutputStream().write(Frames.prefix(0xFFFF_FFFFL));
                bad.setSoTimeout(5000);
                InputStream in = bad.getInputStream();
                while (in.read() >= 0) {
                    // the list frame, then the close
                }
            }
            await(() -> server.stats().errorTotal() == 1, "the bad connection is counted");
            int port = metricsPort(server);
            HttpResponse<String> response = LoopbackHttp.get(port, "/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(
                    response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = response.body();
            MetricsScrape scrape = MetricsScrape.parse(body);
            assertEquals(Optional.of("counter"), scrape.type("listlines_connections_accepted_total"), body);
            assertEquals(
                    OptionalDouble.of(3),
                    scrape.value("listlines_sessions_total", Map.of("outcome", "complete")),
                    body);
            assertEquals(
                    OptionalDouble.of(1),
                    scrape.value("listlines_session_errors_total", Map.of("reason", "frame_too_long")),
                    body);
            assertEquals(OptionalDouble.of(30), scrape.value("listlines_lines_read_total", Map.of()), body);
            assertTrue(
                    scrape.samples().stream()
                            .filter(sample -> sample.name().startsWith("listlines_"))
                            .allMatch(sample -> sample.labels().containsKey("model")),
                    "every series names its model: " + body);
            assertTrue(
                    scrape.value("listlines_session_duration_seconds_count", Map.of("outcome", "complete"))
                            .isPresent(),
                    body);
            assertTrue(
                    scrape.samples().stream().anyMatch(sample -> sample.name().equals("jvm_threads_current")), body);
            HttpResponse<String> missing = LoopbackHttp.get(port, "/");
            assertEquals(404, missing.statusCode());
        } finally {
            server.stop();
        }
    }

    /** The metrics port the server bound (asked as 0), from its counters' monitor. */
    private static int metricsPort(ListLinesServer server) {
        return server.metricsPort();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
