package io.listlines.e2e;

import static io.listlines.e2e.kit.ProxyHeaders.addresses;
import static io.listlines.e2e.kit.ProxyHeaders.v1;
import static io.listlines.e2e.kit.ProxyHeaders.v2;
import static io.listlines.testing.Frames.readFrame;
import static io.listlines.testing.Frames.tenLineFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.core.ServerStats;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Pickles;
import io.listlines.testing.SessionLogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --proxy-protocol} on every server model, over loopback with raw sockets writing the headers
 * byte for byte: v1 and v2 headers open sessions under the address they claim (the log line, and
 * {@code --max-connections-per-address} counting the claimed address, not the real one); a sender
 * outside {@code --proxy-trusted} is refused; a missing, slow or garbage header gets no list and is
 * counted {@code proxy_header}; a v2 LOCAL connection gets the list and a session, counted apart.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyProtocolIT {
    /** Netty and the 2-thread pool in the fast tier, every model under -Pfull. */
    static List<ServerModels.Factory> models() {
        return ServerModels.inTier(ServerModels.all(), "pool");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void headersNameThePeerAndBadOnesAreClosedAndCounted(ServerModels.Factory model) throws Exception {
        var config = ServerModels.configBuilder()
                .maxConnectionsPerAddress(1)
                .proxyProtocol(3, "127.0.0.1/32", "::1/128")
                .build();
        try (SessionLogCapture log = new SessionLogCapture();
                ServerModels.Started server = model.start(config)) {
            InetSocketAddress address = server.address();
            ServerStats stats = server.server().stats();

            // v1 and v2 (over IPv6 claims) sessions complete under the claimed address.
            assertCompleteSession(address, v1("TCP4 10.0.0.1 127.0.0.1 4001 2727"));
            log.await(l -> l.contains("Closed connection: 10.0.0.1:4001 (complete)"), Duration.ofSeconds(5));
            assertCompleteSession(address, v2(0x21, 0x21, addresses("2001:db8::1", "::1", 4002, 2727)));
            log.await(l -> l.contains("2001:db8:0:0:0:0:0:1]:4002 (complete)"), Duration.ofSeconds(5));
            assertCompleteSession(address, v2(0x21, 0x11, addresses("10.0.0.2", "127.0.0.1", 4003, 2727)));
            log.await(l -> l.contains("Closed connection: 10.0.0.2:4003 (complete)"), Duration.ofSeconds(5));

            // --max-connections-per-address counts the claimed address: a second 10.0.0.9 is refused, 10.0.0.10 is not.
            try (Socket held = connect(address, v1("TCP4 10.0.0.9 127.0.0.1 5000 2727"))) {
                assertList(held.getInputStream());
                try (Socket same = connect(address, v1("TCP4 10.0.0.9 127.0.0.1 5001 2727"))) {
                    assertClosedWithNothing(same, "a second connection claiming 10.0.0.9");
                }
                try (Socket other = connect(address, v1("TCP4 10.0.0.10 127.0.0.1 5002 2727"))) {
                    assertList(other.getInputStream());
                }
            }

            // A sender outside --proxy-trusted: closed before anything is read or sent.
            try (Socket untrusted = new Socket()) {
                untrusted.bind(new InetSocketAddress("127.0.0.2", 0));
                untrusted.connect(address, 5000);
                untrusted.setSoTimeout(5000);
                untrusted.getOutputStream().write(v1("TCP4 10.0.0.3 127.0.0.1 4004 2727"));
                assertClosedWithNothing(untrusted, "an untrusted sender");
            }

            // Missing, slow (a byte a second: the timeout is for the whole header) and garbage headers: no list,
            // closed.
            long started = System.nanoTime();
            CompletableFuture<Integer> missing =
                    CompletableFuture.supplyAsync(() -> firstByte(address, new byte[0], 0));
            CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(
                    () -> firstByte(address, "PROXY TCP4 10.0.0.4 ".getBytes(StandardCharsets.US_ASCII), 1000));
            assertEquals(-1, missing.get(10, TimeUnit.SECONDS), "no header: closed with nothing sent");
            assertEquals(-1, slow.get(10, TimeUnit.SECONDS), "a slow header: closed with nothing sent");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited >= 2_500 && waited < 8_000, "closed at the 3 s header timeout, after " + waited + " ms");
            assertEquals(-1, firstByte(address, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0));
            assertEquals(-1, firstByte(address, v2(0x21, 0x11, new byte[3]), 0), "a v2 header with a short address");

            // LOCAL (a balancer's check): the list and a session, counted apart from clients' sessions.
            assertCompleteSession(address, v2(0x20, 0x00, new byte[0]));
            log.await(l -> l.contains("(PROXY LOCAL) (complete)"), Duration.ofSeconds(5));

            awaitClosed(stats);
            assertEquals(3, stats.complete(), stats.summary());
            assertEquals(2, stats.incomplete(), "the two held without lines: " + stats.summary());
            assertEquals(1, stats.proxyLocal(), stats.summary());
            assertEquals(30, stats.lines(), "LOCAL's lines are not clients' lines: " + stats.summary());
            assertEquals(Map.of("proxy_header", 4L), stats.errors(), stats.summary());
            assertEquals(
                    Map.of("max_connections_per_address", 1L, "proxy_untrusted", 1L),
                    stats.rejectedByReason(),
                    stats.summary());
            String lines = String.join("\n", log.lines());
            assertTrue(lines.contains("(error: PROXY header: none within 3 s)"), lines);
            assertTrue(lines.contains("is not --proxy-trusted"), lines);
            assertTrue(lines.contains("(error: PROXY header: "), lines);
            // One line per bad connection, no stack trace.
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("\tat ")), lines);
        }
    }

    private static Socket connect(InetSocketAddress address, byte[] header) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(header);
        return socket;
    }

    /** The server closed it without sending a byte: end of stream, or a reset for the header it never read. */
    private static void assertClosedWithNothing(Socket socket, String what) {
        try {
            assertEquals(-1, socket.getInputStream().read(), what);
        } catch (IOException reset) {
            // closed with our header unread: the kernel resets, which is as closed as it gets
        }
    }

    private static void assertList(InputStream in) throws IOException {
        assertEquals(Protocol.DEFAULT_LIST, Pickles.unpickle(readFrame(in)));
    }

    private static void assertCompleteSession(InetSocketAddress address, byte[] header) throws IOException {
        try (Socket socket = connect(address, header)) {
            assertList(socket.getInputStream());
            socket.getOutputStream().write(tenLineFrames());
            assertEquals(-1, socket.getInputStream().read(), "the server closes after ten lines");
        }
    }

    /** Sends {@code bytes}, one every {@code pauseMillis} if above 0, and returns the first byte read back (-1: closed). */
    private static int firstByte(InetSocketAddress address, byte[] bytes, int pauseMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(pauseMillis > 0 ? pauseMillis : 10_000);
            InputStream in = socket.getInputStream();
            if (pauseMillis == 0) {
                socket.getOutputStream().write(bytes);
                return in.read();
            }
            for (byte b : bytes) {
                try {
                    socket.getOutputStream().write(b);
                    return in.read();
                } catch (SocketTimeoutException stillOpen) {
                    // nothing yet: the next byte
                } catch (IOException closed) {
                    return -1; // a write after the server's close can reset
                }
            }
            throw new AssertionError("the server still waits for the slow header after " + bytes.length + " s");
        } catch (IOException e) {
            return -1;
        }
    }

    private static void awaitClosed(ServerStats stats) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stats.open() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
