package io.listlines.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry: the scenarios in run and report order, each named by its package. */
class ScenariosTest {
    @Test
    void everyScenarioInOrderUnderItsPackagesName() {
        assertEquals(
                List.of("burst", "held", "offered", "startup", "tls", "raw", "features"),
                Scenarios.ALL.stream().map(Scenario::name).toList());
        for (Scenario s : Scenarios.ALL) {
            assertEquals("io.listlines.bench.scenario." + s.name(), s.getClass().getPackageName());
        }
    }

    @Test
    void namedInAnyCase() {
        assertSame(Scenarios.ALL.get(4), Scenarios.named(" TLS "));
        assertNull(Scenarios.named("nope"));
    }
}
