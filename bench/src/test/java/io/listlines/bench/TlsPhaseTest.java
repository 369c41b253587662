package io.listlines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.listlines.runtime.ServerModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the TLS scenario runs, and the certificate it makes for the run. */
class TlsPhaseTest {
    @Test
    void everyModelRunsOnceAndTheReferenceNettyWithEachProvider() {
        ServerModel nio = ServerModel.named("netty-nio");
        ServerModel virtual = ServerModel.named("virtual");
        ServerModel pool = ServerModel.named("pool-2");
        List<String> full = TlsPhase.variants(List.of(nio, pool, virtual), nio, false).stream()
                .map(TlsPhase.Variant::name)
                .toList();
        assertEquals(
                List.of(
                        "netty-nio over TLS (openssl)",
                        "netty-nio over TLS (jdk)",
                        "pool-2 over TLS",
                        "virtual over TLS"),
                full);
        List<String> quick = TlsPhase.variants(List.of(nio, pool, virtual), nio, true).stream()
                .map(TlsPhase.Variant::logName)
                .toList();
        assertEquals(List.of("tls-netty-nio-openssl", "tls-netty-nio-jdk"), quick, "a quick run's two");
    }

    @Test
    void theCertificateIsAPemChainAndAPkcs8Key(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls/cert.pem");
        Path key = dir.resolve("tls/key.pem");
        String problem = TlsPhase.makeCertificate(cert, key);
        assumeTrue(problem == null || !problem.startsWith("openssl is not installed"), "skipped: " + problem);
        assertNull(problem);
        assertTrue(Files.readString(cert).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8, unencrypted");
    }
}
