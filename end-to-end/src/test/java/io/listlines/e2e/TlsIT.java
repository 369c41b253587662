package io.listlines.e2e;

import static io.listlines.testing.Frames.readFrame;
import static io.listlines.testing.Frames.tenLineFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.client.ClientConfig;
import io.listlines.client.ClientTls;
import io.listlines.client.LoadGenerator;
import io.listlines.client.NettyClient;
import io.listlines.client.SessionResult;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerStats;
import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.LoopbackClient;
import io.listlines.e2e.kit.ProxyHeaders;
import io.listlines.e2e.kit.PythonScript;
import io.listlines.e2e.kit.ServerModels;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.report.LoadReport;
import io.listlines.report.Outcome;
import io.listlines.testing.Pickles;
import io.listlines.testing.SessionLogCapture;
import io.listlines.testing.TestPki;
import io.listlines.testing.TestTier;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS on every server model over loopback, with certificates made for the run ({@link TestPki}): sessions with
 * the Netty client, a JDK socket after a PROXY header and Python's {@code ssl}; mutual TLS accepted and refused
 * (no certificate, one from another CA, an expired one); plaintext and garbage instead of a ClientHello, a client
 * that never sends one (closed at the idle timeout), a TLS client on a plaintext port, a server whose own
 * certificate has expired; the Netty server on both providers; and bad certificate or key files at start. Every
 * bad connection ends alone, with one log line, counted by cause.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsIT {
    private static final int IDLE_SECONDS = 3;

    @TempDir
    static Path dir;

    static final TestPki pki = TestPki.shared();

    /**
     * Each model of the tier ({@link #models()}) with --tls-provider auto (OpenSSL on Netty, here); under -Pfull the
     * Netty models again with jdk (about 7 s a run, for the idle timeout it waits out).
     */
    static Stream<Arguments> modelsAndProviders() {
        List<Arguments> all = new ArrayList<>();
        for (ServerModels.Factory model : models()) {
            all.add(Arguments.of(model, "auto"));
        }
        for (ServerModels.Factory model : models()) {
            if (model.name().startsWith("netty") && TestTier.fullMatrix()) {
                all.add(Arguments.of(model, "jdk"));
            }
        }
        return all.stream();
    }

    /** Netty and virtual threads in the fast tier, every model under -Pfull. */
    static List<ServerModels.Factory> models() {
        return ServerModels.inTier(ServerModels.all(), "virtual");
    }

    @Test
    void openSslLoadsHereSoAutoIsOpenSslOnNetty() {
        assertTrue(OpenSsl.isAvailable(), "netty-tcnative should load: " + OpenSsl.unavailabilityCause());
    }

    @ParameterizedTest(name = "{0} --tls-provider {1}")
    @MethodSource("modelsAndProviders")
    void mutualTlsAdmitsOnlyClientsOfTheCaAndEveryBadHandshakeIsCountedByCause(
            ServerModels.Factory model, String provider) throws Exception {
        ServerConfig config = ServerModels.configBuilder()
                .idleTimeoutSeconds(IDLE_SECONDS)
                .tls(pki.server.cert(), pki.server.key(), pki.caCert, provider)
                .build();
        try (SessionLogCapture log = new SessionLogCapture();
                ServerModels.Started server = model.start(config)) {
            int port = server.address().getPort();
            ServerStats stats = server.server().stats();
            int complete = 0;

            // A client of the CA: a complete session, with the Netty client and with Python's ssl.
            SessionResult ok = session(port, ClientTls.of(pki.caCert, pki.client.cert(), pki.client.key(), false));
            assertTrue(ok.isComplete(), ok.message());
            assertTrue(ok.handshaken() > ok.connected(), "the handshake is timed");
            complete++;
            if (python("--tls-client-ca", port, pki.client)) {
                complete++;
            }

            // No certificate, one from another CA, an expired one: refused, each by its cause.
            assertRefused(session(port, ClientTls.of(pki.caCert, null, null, false)));
            assertRefused(session(
                    port, ClientTls.of(pki.caCert, pki.strangerClient.cert(), pki.strangerClient.key(), false)));
            assertRefused(
                    session(port, ClientTls.of(pki.caCert, pki.expiredClient.cert(), pki.expiredClient.key(), false)));

            // Plaintext frames and an HTTP request instead of a ClientHello: closed, no list.
            assertClosedWithoutList(port, tenLineFrames());
            assertClosedWithoutList(port, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            // A client that connects and never sends a ClientHello: closed at the idle timeout.
            long started = System.nanoTime();
            assertClosedWithoutList(port, new byte[0]);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited >= 2_500 && waited < 9_000, "closed at the 3 s idle timeout, after " + waited + " ms");

            // The plaintext Netty client on the TLS port waits for a list that never comes: closed the same way
            // (after the JDK's alert, which it takes for a frame too long).
            SessionResult plaintext = session(port, null);
            assertTrue(
                    plaintext.outcome() == Outcome.CLOSED_EARLY || plaintext.outcome() == Outcome.PROTOCOL_ERROR,
                    plaintext.message());

            awaitClosed(stats, complete + 7);
            assertEquals(complete, stats.complete(), stats.summary());
            // A client whose certificate is not of the CA the server names in its request usually sends none
            // (the JDK's and OpenSSL's key managers pick by issuer): no certificate, or a bad one, by the client.
            Map<String, Long> errors = stats.errors();
            assertEquals(2L, errors.get("tls_not_tls"), stats.summary());
            assertEquals(2L, errors.get("tls_handshake"), stats.summary());
            long noCertificate = errors.getOrDefault("tls_no_client_certificate", 0L);
            long badCertificate = errors.getOrDefault("tls_bad_client_certificate", 0L);
            assertTrue(noCertificate >= 1 && badCertificate >= 1, "the expired one is bad: " + stats.summary());
            assertEquals(3, noCertificate + badCertificate, stats.summary());
            assertEquals(7, stats.errorTotal(), stats.summary());
            String lines = String.join("\n", log.lines());
            assertTrue(lines.contains("(error: TLS handshake: the client showed no certificate)"), lines);
            assertTrue(lines.contains("(error: TLS handshake: the client's certificate is refused: "), lines);
            assertTrue(lines.contains("(error: not TLS: the first bytes are no TLS record)"), lines);
            assertTrue(lines.contains("(error: TLS handshake: not complete within the idle timeout of 3 s)"), lines);
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("\tat ")), "no stack trace:\n" + lines);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void tlsAfterAProxyHeaderAndWithoutClientCertificates(ServerModels.Factory model) throws Exception {
        ServerConfig config = ServerModels.configBuilder()
                .idleTimeoutSeconds(IDLE_SECONDS)
                .proxyProtocol(3, "127.0.0.1/32")
                .tls(pki.server.cert(), pki.server.key(), null, null)
                .build();
        try (SessionLogCapture log = new SessionLogCapture();
                ServerModels.Started server = model.start(config)) {
            InetSocketAddress address = server.address();
            // The balancer's header in plaintext, then the client's TLS on the same connection.
            SSLContext jdk = ((JdkSslContext) SslContextBuilder.forClient()
                            .sslProvider(SslProvider.JDK)
                            .trustManager(pki.caCert.toFile())
                            .build())
                    .context();
            try (Socket plain = new Socket()) {
                plain.connect(address, 5000);
                plain.setSoTimeout(10_000);
                plain.getOutputStream().write(ProxyHeaders.v1("TCP4 10.0.0.7 127.0.0.1 4007 2727"));
                SSLSocket tls =
                        (SSLSocket) jdk.getSocketFactory().createSocket(plain, "127.0.0.1", address.getPort(), true);
                tls.startHandshake();
                assertEquals(Protocol.DEFAULT_LIST, Pickles.unpickle(readFrame(tls.getInputStream())));
                tls.getOutputStream().write(tenLineFrames());
                tls.getOutputStream().flush();
                assertEquals(-1, tls.getInputStream().read(), "the server closes after ten lines");
                tls.close();
            }
            log.await(l -> l.contains("Closed connection: 10.0.0.7:4007 (complete)"), Duration.ofSeconds(10));
            awaitClosed(server.server().stats(), 1);
            assertEquals(
                    1,
                    server.server().stats().complete(),
                    server.server().stats().summary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aTlsClientOnAPlaintextPortAndAServerWithAnExpiredCertificate(ServerModels.Factory model) throws Exception {
        try (ServerModels.Started plain = model.start(
                ServerModels.configBuilder().idleTimeoutSeconds(IDLE_SECONDS).build())) {
            SessionResult result = session(plain.address().getPort(), ClientTls.of(pki.caCert, null, null, false));
            assertEquals(Outcome.TLS, result.outcome(), result.message());
            assertTrue(result.message().contains("does not speak TLS"), result.message());
            awaitClosed(plain.server().stats(), 1);
            assertEquals(
                    Map.of("tls_on_plaintext", 1L),
                    plain.server().stats().errors(),
                    plain.server().stats().summary());
        }
        try (ServerModels.Started expired = model.start(ServerModels.configBuilder()
                .idleTimeoutSeconds(IDLE_SECONDS)
                .tls(pki.expiredServer.cert(), pki.expiredServer.key(), null, null)
                .build())) {
            SessionResult refused = session(expired.address().getPort(), ClientTls.of(pki.caCert, null, null, false));
            assertEquals(Outcome.TLS, refused.outcome(), refused.message());
            SessionResult insecure = session(expired.address().getPort(), ClientTls.of(null, null, null, true));
            assertTrue(insecure.isComplete(), "--tls-insecure takes any certificate: " + insecure.message());
            awaitClosed(expired.server().stats(), 2);
            assertEquals(
                    1,
                    expired.server().stats().complete(),
                    expired.server().stats().summary());
            assertEquals(
                    Map.of("tls_handshake", 1L),
                    expired.server().stats().errors(),
                    "the client's refusal: " + expired.server().stats().summary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theLoadGeneratorTimesHandshakesApart(ServerModels.Factory model) throws Exception {
        try (ServerModels.Started server = model.start(ServerModels.configBuilder()
                .quiet(true)
                .tls(pki.server.cert(), pki.server.key(), pki.caCert, null)
                .build())) {
            InetSocketAddress target = server.address();
            ClientConfig config = LoopbackClient.config(target.getPort(), Protocol.DEFAULT_LIST, Framing.FRAMED)
                    .withTls(ClientTls.of(pki.caCert, pki.client.cert(), pki.client.key(), false));
            LoadReport report;
            try (NettyClient client = new NettyClient(config, 2)) {
                report = new LoadGenerator(
                                client,
                                config,
                                new LoadGenerator.Plan(List.of(target), List.of(), 40, 8, 0, 0, 0, false))
                        .run(null);
            }
            assertEquals(40, report.completed(), report.toText());
            LoadReport.Latency handshake = report.latencyMillis().get(LoadReport.HANDSHAKE);
            assertEquals(40, handshake.count(), report.toText());
            assertTrue(handshake.p50() > 0, report.toText());
            assertTrue(report.toText().contains("(framed, TLS, transport "), report.toText());
            assertTrue(LoadReport.fromJson(report.toJson()).latencyMillis().containsKey(LoadReport.HANDSHAKE));
        }
    }

    /** A bad file at start, for each command: one sentence naming the file and the problem, status 2. */
    @Test
    void aBadCertificateOrKeyFileIsOneSentenceAndStatusTwo() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        List<BadFiles> cases = List.of(
                new BadFiles(missing, pki.server.key(), "--tls-cert " + missing + ": no such file."),
                new BadFiles(
                        pki.server.cert(),
                        pki.client.key(),
                        "--tls-key " + pki.client.key() + ": the key does not belong to the certificate in --tls-cert "
                                + pki.server.cert() + "."),
                new BadFiles(
                        notPem,
                        pki.server.key(),
                        "--tls-cert " + notPem + ": is not a PEM file (no -----BEGIN ...----- block)."),
                new BadFiles(
                        pki.server.cert(),
                        pki.server.cert(),
                        "--tls-key " + pki.server.cert()
                                + ": holds no PEM private key (-----BEGIN PRIVATE KEY-----)."));
        List<ServerModels.Command> commands = ServerModels.commands();
        for (int i = 0; i < commands.size(); i++) {
            // Each command gets one of the cases in turn, every case for at least one command.
            BadFiles bad = cases.get(i % cases.size());
            List<String> args = ServerProcess.javaCommand(commands.get(i).args());
            args.addAll(List.of(
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--tls-cert",
                    bad.cert().toString()));
            args.addAll(List.of("--tls-key", bad.key().toString()));
            ChildProcess.Finished run = ChildProcess.run(args, Duration.ofSeconds(30));
            assertEquals(2, run.status(), commands.get(i) + ": " + run.output());
            assertEquals(bad.sentence(), run.output().strip(), commands.get(i).toString());
        }
    }

    /** A certificate and key given at start, and the one sentence a server says of them. */
    private record BadFiles(Path cert, Path key, String sentence) {}

    private static void assertRefused(SessionResult result) {
        assertEquals(Outcome.TLS, result.outcome(), result.message());
    }

    /** A session of the Netty client to 127.0.0.1 (its name is in the server's certificate); plaintext without tls. */
    private static SessionResult session(int port, ClientTls tls) throws Exception {
        ClientConfig config = LoopbackClient.config(port, Protocol.DEFAULT_LIST, Framing.FRAMED)
                .withTls(tls);
        try (NettyClient client = new NettyClient(config, 1)) {
            return client.run().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code bytes} (or nothing) and reads to the end: the server closes without a list frame. */
    private static void assertClosedWithoutList(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(bytes);
            InputStream in = socket.getInputStream();
            int first = in.read();
            // Nothing, or a TLS alert record (0x15): never the list's length prefix.
            assertTrue(first == -1 || first == 0x15, "closed with nothing or an alert, not " + first);
            while (in.read() >= 0) {
                // the rest of the alert, then the end
            }
        } catch (java.net.SocketException reset) {
            // closed with our bytes unread: a reset, as closed as it gets
        }
    }

    /** A session by Python's ssl module with {@code client}'s certificate; false (and skipped) without python3. */
    private static boolean python(String what, int port, TestPki.Pair client) throws Exception {
        PythonScript script =
                PythonScript.ifPresent("/tls/tls_session.py", dir, "the Python ssl session (" + what + ")");
        if (script == null) {
            return false;
        }
        ChildProcess.Finished run = script.run(
                Duration.ofSeconds(60),
                "127.0.0.1",
                String.valueOf(port),
                pki.caCert.toString(),
                client.cert().toString(),
                client.key().toString());
        String output = run.output().strip();
        assertEquals(0, run.status(), output);
        assertTrue(output.startsWith("[1, 2, 7, 9, 0] TLSv1."), output);
        return true;
    }

    /** Waits until {@code closed} connections have closed and been counted. */
    private static void awaitClosed(ServerStats stats, int closed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((stats.open() > 0 || counted(stats) < closed) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long counted(ServerStats stats) {
        Map<String, Long> errors = new HashMap<>(stats.errors());
        return stats.complete()
                + stats.incomplete()
                + errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
