package io.listlines.bench.scenario.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.listlines.bench.model.ServerModel;
import io.listlines.bench.plan.Plan;
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
        List<String> full = TlsPhase.variants(List.of(nio, pool, virtual), nio, true).stream()
                .map(TlsPhase.Variant::name)
                .toList();
        assertEquals(
                List.of(
                        "netty-nio over TLS (openssl)",
                        "netty-nio over TLS (jdk)",
                        "pool-2 over TLS",
                        "virtual over TLS"),
                full);
        List<String> quick = TlsPhase.variants(List.of(nio, pool, virtual), nio, false).stream()
                .map(TlsPhase.Variant::logName)
                .toList();
        assertEquals(List.of("tls-netty-nio-openssl"), quick, "a quick run's one");
    }

    @Test
    void aHeldLevelRampsInNoFasterThanTheHandshakeRate() {
        Plan full = Plan.fullRun();
        assertEquals(full, TlsPhase.heldPlan(full, 1000), "105 handshakes/s: the plan's slow clients as they are");
        Plan paced = TlsPhase.heldPlan(full, 19_000);
        assertEquals(5000, paced.thinkMillis(), "19,000 over 50 s sessions");
        assertTrue(paced.heldRate(19_000) <= TlsPhase.HELD_HANDSHAKES_PER_SECOND);
        assertTrue(paced.serverIdleTimeoutSeconds() * 1000 > paced.thinkMillis(), "the server waits out a pause");
        Plan quick = Plan.quickRun();
        assertEquals(quick, TlsPhase.heldPlan(quick, 1000), "a quick run opens its level at once");
        assertEquals(10_000, TlsPhase.burstSessions(full));
        assertEquals(200, TlsPhase.burstSessions(quick));
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
