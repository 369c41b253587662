package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientRun;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.protocol.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code netty-client} command: its output, its one-sentence errors and its exit status. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientCommandIT {
    /** The client against 127.0.0.1:{@code port} (and {@code flags}) exits 1, with {@code sentence} all it says on stderr. */
    private static ClientRun assertFailsSaying(String sentence, int port, String... flags) {
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port)));
        args.addAll(List.of(flags));
        ClientRun run = ClientRun.of(args.toArray(String[]::new));
        assertEquals(1, run.status());
        assertEquals(sentence + System.lineSeparator(), run.err());
        return run;
    }

    @Test
    void printsTheListAndExitsZero() throws Exception {
        try (ServerModels.Started server =
                ServerModels.all().get(0).start(ServerModels.config(Protocol.DEFAULT_LIST, 30, true))) {
            int port = server.address().getPort();
            ClientRun one = ClientRun.of("--host", "127.0.0.1", "--port", String.valueOf(port));
            assertEquals(new ClientRun(0, "[1, 2, 7, 9, 0]" + System.lineSeparator(), ""), one);
            ClientRun five = ClientRun.of(
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port),
                    "--connections",
                    "5",
                    "--expect-list",
                    "1,2,7,9,0");
            assertEquals(0, five.status(), five.err());
            assertTrue(
                    five.out().matches("5 of 5 sessions complete in \\d+ ms; list \\[1, 2, 7, 9, 0\\]\\R"), five.out());
        }
    }

    @Test
    void connectionRefusedIsOneSentence() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ClientRun run = assertFailsSaying("Connection refused by 127.0.0.1:" + port + ": is the server running?", port);
        assertEquals("", run.out());
    }

    @Test
    void aServerThatClosesEarlyIsOneSentence() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(new byte[] {0, 0});
                } catch (IOException ignored) {
                    // the test sees the result
                }
            });
            assertFailsSaying(
                    "127.0.0.1:" + server.getLocalPort() + " closed the connection before sending the list.",
                    server.getLocalPort());
        }
    }

    @Test
    void aBadListFrameIsOneSentence() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(
                            new byte[] {0, 0, 0, 7, (byte) 0x80, 2, 0x58, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the test sees the result
                }
            });
            assertFailsSaying(
                    "The list frame from 127.0.0.1:" + server.getLocalPort()
                            + " is not a pickled list of integers: opcode BINUNICODE (a string) is not allowed in a pickled list of integers.",
                    server.getLocalPort());
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertFailsSaying(
                    "Timed out after 1 s waiting for the list from 127.0.0.1:" + server.getLocalPort() + ".",
                    server.getLocalPort(),
                    "--timeout",
                    "1");
        }
    }

    @Test
    void badFlagsAreOneSentenceWithStatusTwo() {
        assertEquals(
                new ClientRun(
                        2,
                        "",
                        "Invalid value for option '--port': 'x' is not an int. Run with --help for usage."
                                + System.lineSeparator()),
                ClientRun.of("--port", "x"));
        assertEquals(
                new ClientRun(2, "", "--connections must be at least 1, not 0." + System.lineSeparator()),
                ClientRun.of("--connections", "0"));
        assertEquals(2, ClientRun.of("--transport", "carrier-pigeon").status());
    }
}
