package io.listlines.bench.scenario.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The variants: each feature alone, then all of them at once. */
class FeatureTest {
    @Test
    void everyFeatureAloneThenAllOfThem() {
        assertEquals(
                List.of(
                        "default",
                        "session log",
                        "metrics",
                        "per-address limit",
                        "max connections",
                        "PROXY v2",
                        "all of them"),
                Feature.variants(true).stream().map(Feature::name).toList());
        assertEquals(List.of(Feature.DEFAULT, Feature.ALL), Feature.variants(false), "the quick run's");
    }

    @Test
    void allOfThemHasEveryFlag() {
        Feature all = Feature.ALL;
        assertFalse(all.quiet(), "sessions logged");
        assertTrue(all.scraped());
        assertEquals(
                List.of(
                        "--metrics-port",
                        "0",
                        "--max-connections-per-address",
                        "1000",
                        "--max-connections",
                        "10000",
                        "--proxy-protocol",
                        "--proxy-trusted",
                        "127.0.0.0/8"),
                all.serverFlags());
        assertEquals(List.of("--proxy-protocol", "v2"), all.generatorFlags());
        assertEquals("all-of-them", all.slug());
        assertEquals("per-address-limit", Feature.PER_ADDRESS.slug());
        assertEquals("proxy-v2", Feature.PROXY.slug());
    }
}
