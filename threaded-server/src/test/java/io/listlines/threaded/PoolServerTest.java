package io.listlines.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.Protocol;
import io.listlines.testing.Frames;
import io.listlines.testing.Pickles;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.SessionLogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The article's pool on real loopback sockets: with N threads at most N sessions are served at once
 * while the others wait in the queue, without even the list, each taken in turn as a thread comes
 * free; and {@code stop()} ends every session and releases the threads.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PoolServerTest {
    private static final int THREADS = 2;

    /** A client; its read timeout bounds every wait below. */
    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** The client is being served: the list arrives. */
    private static void assertServed(Socket client) throws IOException {
        assertEquals(Protocol.DEFAULT_LIST, Pickles.unpickle(Frames.readFrame(client.getInputStream())));
    }

    /**
     * The client still waits in the queue: nothing arrives. The one wait here that cannot be for an
     * event; it is short, and it could only pass wrongly, since every thread is held by a session
     * that is waiting for lines the test has not sent.
     */
    private static void assertQueued(Socket client) throws IOException {
        client.setSoTimeout(300);
        assertThrows(
                SocketTimeoutException.class, () -> client.getInputStream().read(), "a queued client receives nothing");
        client.setSoTimeout(5000);
    }

    /** Sends the ten lines and sees the server close: the session is over and its thread free. */
    private static void finish(Socket client) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(Frames.tenLineFrames());
        out.flush();
        assertEquals(-1, client.getInputStream().read(), "the server closes after the tenth line");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(1);
        }
    }

    @Test
    void atMostNSessionsAreServedAtOnceAndTheRestWaitInTheQueue() throws Exception {
        PoolServer server = new PoolServer(new ServerConfigBuilder().build(), THREADS);
        try (SessionLogCapture log = new SessionLogCapture()) {
            InetSocketAddress address = server.start();
            try (Socket a = connect(address);
                    Socket b = connect(address)) {
                assertServed(a);
                assertServed(b);
                // both threads are now held by sessions waiting for their lines
                try (Socket c = connect(address);
                        Socket d = connect(address)) {
                    await(() -> server.stats().open() == 4, "all four connections are accepted");
                    assertQueued(c);
                    assertQueued(d);
                    assertEquals(
                            2,
                            log.lines().stream()
                                    .filter(l -> l.startsWith("Received connection: "))
                                    .count(),
                            "only the sessions being served have begun: " + log.lines());

                    finish(a);
                    assertServed(c); // the first in the queue takes the free thread
                    assertQueued(d);
                    finish(b);
                    assertServed(d);
                    finish(c);
                    finish(d);
                }
            }
            await(() -> server.stats().complete() == 4, "the four sessions are recorded complete");
            assertEquals(0, server.stats().incomplete());
        } finally {
            server.stop();
        }
    }

    @Test
    void stopEndsEverySessionAndReleasesTheThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PoolServer server = new PoolServer(new ServerConfigBuilder().build(), THREADS);
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("worker-"))
                .toList();
        assertEquals(THREADS, workers.size(), "the pool's threads: " + workers);
        InetSocketAddress address = server.start();
        boolean stopped = false;
        try (Socket a = connect(address);
                Socket b = connect(address);
                Socket queued = connect(address)) {
            assertServed(a);
            assertServed(b);
            await(() -> server.stats().open() == 3, "the third connection is accepted and queued");

            server.stop(); // a grace period of 1 s, then every connection is closed
            stopped = true;
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(5));
                assertFalse(worker.isAlive(), worker.getName() + " is released");
            }
            assertEquals(0, server.stats().open());
            assertEquals(
                    3,
                    server.stats().cut(),
                    "the two in flight and the queued one: " + server.stats().summary());
            for (Socket client : List.of(a, b, queued)) {
                assertEquals(-1, client.getInputStream().read(), "closed by the server");
            }
        } finally {
            if (!stopped) {
                server.stop();
            }
        }
    }
}
