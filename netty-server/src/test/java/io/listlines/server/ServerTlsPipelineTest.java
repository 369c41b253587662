package io.listlines.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.listlines.core.ServerConfig;
import io.listlines.testing.ServerConfigBuilder;
import io.listlines.testing.SessionLogCapture;
import io.listlines.testing.TestPki;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where TLS sits in the server's pipeline, and what it does before and instead of a handshake. */
class ServerTlsPipelineTest {
    static final TestPki pki = TestPki.shared();

    private static ServerConfigBuilder tls() {
        return new ServerConfigBuilder().tls(pki.server.cert(), pki.server.key(), null, "jdk");
    }

    @Test
    void tlsComesFirstAndNothingIsSentBeforeTheHandshake() {
        ServerParts server = ServerParts.of(tls().build());
        EmbeddedChannel channel = new EmbeddedChannel(server.initializer());
        try {
            assertEquals(List.of("shutdownBeforeClose", "tls", "frameDecoder", "session"), handlerNames(channel));
            assertInstanceOf(SslHandler.class, channel.pipeline().get("tls"));
            assertNull(channel.readOutbound(), "the list waits for the handshake");
            assertEquals(1, server.stats().open(), "the connection is counted open from accept");
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void withProxyProtocolTheHeaderComesBeforeTls() {
        ServerConfig config = tls().proxyProtocol(3).build();
        ServerParts server = ServerParts.of(config);
        EmbeddedChannel channel = new EmbeddedChannel(server.initializer());
        try {
            assertEquals(List.of("shutdownBeforeClose", "proxyDecoder", "proxyHeader"), handlerNames(channel));
            channel.writeInbound(
                    Unpooled.copiedBuffer("PROXY TCP4 10.0.0.1 127.0.0.1 4000 2727\r\n", StandardCharsets.US_ASCII));
            assertEquals(List.of("shutdownBeforeClose", "tls", "frameDecoder", "session"), handlerNames(channel));
            assertNull(channel.readOutbound(), "after the header, the list still waits for the handshake");
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void plaintextInsteadOfAClientHelloIsCountedAsNotTls() throws InterruptedException {
        try (SessionLogCapture log = new SessionLogCapture()) {
            ServerParts server = ServerParts.of(tls().build());
            EmbeddedChannel channel = new EmbeddedChannel(server.initializer());
            try {
                channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.US_ASCII));
                channel.runPendingTasks();
                assertFalse(channel.isOpen());
                releaseOutbound(channel);
            } finally {
                channel.finishAndReleaseAll();
            }
            log.await(l -> l.contains("(error: not TLS: the first bytes are no TLS record)"), Duration.ofSeconds(5));
            assertEquals(Map.of("tls_not_tls", 1L), server.stats().errors());
        }
    }

    @Test
    void aClientHelloOnAPlaintextServerIsCountedAsTlsOnPlaintext() throws InterruptedException {
        try (SessionLogCapture log = new SessionLogCapture()) {
            ServerParts server = ServerParts.of(new ServerConfigBuilder().build());
            EmbeddedChannel channel = new EmbeddedChannel(server.initializer());
            try {
                releaseOutbound(channel); // the list
                // A TLS record header: handshake (22), TLS 1.0 record version, then a length.
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01}));
                assertFalse(channel.isOpen());
            } finally {
                channel.finishAndReleaseAll();
            }
            log.await(l -> l.contains("TLS handshake on a plaintext port"), Duration.ofSeconds(5));
            assertEquals(Map.of("tls_on_plaintext", 1L), server.stats().errors());
        }
    }

    private static void releaseOutbound(EmbeddedChannel channel) {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ((ByteBuf) out).release();
        }
    }

    private static List<String> handlerNames(EmbeddedChannel channel) {
        return channel.pipeline().names().stream()
                .filter(n -> !n.startsWith("DefaultChannelPipeline$TailContext"))
                .toList();
    }
}
