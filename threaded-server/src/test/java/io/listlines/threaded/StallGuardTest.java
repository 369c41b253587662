package io.listlines.threaded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StallGuard} on real loopback sockets, with a 1-second timeout (its smallest): a write to a
 * peer that never reads is cut once a slice of it has made no progress for the timeout, and a big
 * write to a peer that reads slowly but steadily is not, however long it takes in all.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class StallGuardTest {
    private static final int TIMEOUT_SECONDS = 1;

    /** A connected pair on 127.0.0.1 with small socket buffers, so that a write the peer does not read blocks soon. */
    private record Pair(ServerSocket listener, Socket peer, Socket server) implements AutoCloseable {
        static Pair open() throws IOException {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Socket peer = new Socket();
            peer.setReceiveBufferSize(4096);
            peer.connect(listener.getLocalSocketAddress(), 2000);
            Socket server = listener.accept();
            server.setSendBufferSize(4096);
            return new Pair(listener, peer, server);
        }

        @Override
        public void close() throws IOException {
            try (listener;
                    peer;
                    server) {
                // all three closed
            }
        }
    }

    @Test
    void aWriteToAPeerThatNeverReadsIsCutAtTheTimeout() throws IOException {
        try (Pair pair = Pair.open()) {
            StallGuard guard = new StallGuard(pair.server(), TIMEOUT_SECONDS);
            assertFalse(guard.stalled());
            long start = System.nanoTime();
            // far more than the socket buffers hold: the write blocks until the guard closes the socket
            assertThrows(IOException.class, () -> guard.write(new byte[8 << 20]));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(guard.stalled(), "the guard says the write stalled");
            assertTrue(pair.server().isClosed(), "and closed the socket for it");
            assertTrue(
                    millis >= TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS) - 50,
                    "cut after " + millis + " ms, before the timeout");
            assertTrue(millis < 5000, "cut only after " + millis + " ms");
        }
    }

    @Test
    void aSlowButSteadyReaderOfABigWriteIsNotCut() throws Exception {
        byte[] big = new byte[768 * 1024]; // twelve of the guard's 64 KB slices
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 11));
        }
        try (Pair pair = Pair.open()) {
            // about 400 KB/s: each slice takes some 160 ms, the whole write about two timeouts
            CompletableFuture<byte[]> received =
                    CompletableFuture.supplyAsync(() -> readSlowly(pair.peer(), big.length));
            StallGuard guard = new StallGuard(pair.server(), TIMEOUT_SECONDS);
            long start = System.nanoTime();
            guard.write(big);
            guard.flush();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertArrayEquals(big, received.get(10, TimeUnit.SECONDS), "every byte arrived, in order");
            assertFalse(guard.stalled(), "a reader that keeps up is not cut");
            assertFalse(pair.server().isClosed());
            assertTrue(
                    millis > TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                    "the write took " + millis + " ms: to show anything it must outlast the timeout");
        }
    }

    @Test
    void aFinishedWriteLeavesNoDeadlineBehind() throws Exception {
        byte[] bytes = new byte[256 * 1024]; // several slices, more than the socket buffers hold
        try (Pair pair = Pair.open()) {
            CompletableFuture<byte[]> received =
                    CompletableFuture.supplyAsync(() -> readSlowly(pair.peer(), bytes.length));
            StallGuard guard = new StallGuard(pair.server(), 30);
            guard.write(bytes);
            assertEquals(bytes.length, received.get(10, TimeUnit.SECONDS).length);
            assertEquals(
                    0,
                    StallGuard.WATCHDOG.getQueue().size(),
                    "a cancelled deadline would hold the guard and its socket for the whole timeout");
        }
    }

    /** Reads {@code length} bytes, 8 KB at a time with a pause of 20 ms before each. */
    private static byte[] readSlowly(Socket socket, int length) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            byte[] chunk = new byte[8192];
            while (out.size() < length) {
                Thread.sleep(20);
                int n = in.readNBytes(chunk, 0, Math.min(chunk.length, length - out.size()));
                if (n == 0) {
                    break;
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
