package io.listlines.bench.run;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.listlines.bench.model.ServerModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's wiring that needs no server: what it does when a scenario or a model is left out. */
class FindingsTest {
    @Test
    void aRunWithoutNettyHasNoReferenceBurstAndDoesNotFail() {
        // bin/bench --models virtual: no reference Netty model, and no bursts either
        Findings findings = new Findings();
        assertNull(findings.burst(null, 100));
        findings.bursts(ServerModel.named("virtual"), List.of());
        assertNull(findings.burst(null, 100));
    }

    @Test
    void aRunWithoutBurstsHasNoReferenceBurst() {
        assertNull(new Findings().burst(ServerModel.named("netty-nio"), 100));
    }
}
