package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.CClientRun;
import io.listlines.protocol.FrameHeader;
import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.testing.Frames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minimal C server, the yardstick of the models' server CPU, spoken to byte for byte from the outside. */
class MinimalServerIT {
    @TempDir
    static Path dir;

    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(CProgram.gcc() != null, "skipped: no gcc on PATH to compile the minimal C server");
        server = MinimalServer.start(MinimalServer.compile(dir.resolve("c")), dir.resolve("c-server.log"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void sendsTheListFrameThenClosesAfterTheTenthLine() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertArrayEquals(
                    Frames.frame(PickledList.pickle(Protocol.DEFAULT_LIST)),
                    in.readNBytes(4 + PickledList.pickle(Protocol.DEFAULT_LIST).length),
                    "the list frame, as the Java servers send it");
            out.write(Frames.lineFrames(9));
            out.flush();
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "still open after nine lines");
            socket.setSoTimeout(5000);
            // the tenth line split over two writes: a partial frame waits for the rest
            byte[] tenth = Frames.frame(Protocol.clientLine(9));
            out.write(tenth, 0, 3);
            out.flush();
            sleep();
            out.write(tenth, 3, tenth.length - 3);
            out.flush();
            assertEquals(-1, in.read(), "end of stream after the tenth line");
        }
    }

    @Test
    void closesAtOnceOnAFrameOverTheMaximum() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = socket.getInputStream();
            Frames.readFrame(in);
            socket.getOutputStream().write(FrameHeader.of(Protocol.DEFAULT_MAX_FRAME + 1L));
            assertEquals(-1, in.read(), "closed on a length over 65,536");
        }
    }

    @Test
    void survivesClientsThatLeaveEarlyAndServesTheMinimalClient() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (Socket socket = connect()) {
                Frames.readFrame(socket.getInputStream());
                socket.getOutputStream().write(Frames.lineFrames(i % 10));
                socket.setSoLinger(i % 2 == 0, 0); // every other one a reset
            }
        }
        Path client = MinimalClient.compile(dir.resolve("c"));
        CClientRun result = MinimalClient.run(
                client, server.port(), 2000, 50, 10, Duration.ofSeconds(60), dir.resolve("c-client.log"));
        assertNull(result.error());
        assertEquals(2000, result.completed());
        assertEquals(0, result.failed());
        assertTrue(server.isAlive());
    }

    @Test
    void stopsCleanlyOnSigterm() throws IOException {
        try (ServerProcess another = MinimalServer.start(dir.resolve("c/minimal_server"), dir.resolve("another.log"))) {
            assertTrue(another.port() > 0 && another.port() != server.port());
            assertEquals(0, another.stop(), "exit status on SIGTERM");
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
