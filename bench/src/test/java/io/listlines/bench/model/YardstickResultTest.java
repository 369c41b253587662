package io.listlines.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's server CPU and memory as multiples of a yardstick's, where both measured them. */
class YardstickResultTest {
    private static Run run(Status status, long failed) {
        return new Run(status, null, 1000, failed, Map.of(), 1, 1, 1, 1, 1, 0, "", 2.0, null);
    }

    static BurstResult burst(int concurrency, double cpuPer1000, Status status) {
        return new BurstResult(
                concurrency, 1000, 1000, 20_000, List.of(), List.of(), 1, 2, cpuPer1000, 0, run(status, 0));
    }

    static HeldResult held(int level, long open, long failed, double perConnection) {
        return new HeldResult(
                level, 1000, 0, 10, open, open, 0, 2, 30, 30, perConnection, List.of(), run(Status.OK, failed));
    }

    private static final YardstickResult BARE_NETTY = new YardstickResult(
            "epoll",
            Status.OK,
            null,
            List.of(),
            List.of(burst(100, 0.036, Status.OK), burst(1000, 0.040, Status.ERROR)),
            List.of(held(19_000, 19_000, 0, 3500), held(1000, 1000, 0, 0)));

    @Test
    void cpuIsAMultipleOfTheYardsticksBurstAtTheSameConcurrency() {
        assertEquals(1.156, BARE_NETTY.cpuMultiple(burst(100, 0.0416, Status.OK)));
        assertEquals(0, BARE_NETTY.cpuMultiple(burst(1000, 0.05, Status.OK)), "the yardstick's burst ended badly");
        assertEquals(0, BARE_NETTY.cpuMultiple(burst(100, 0.05, Status.ERROR)), "the model's burst ended badly");
        assertEquals(0, BARE_NETTY.cpuMultiple(burst(5000, 0.05, Status.OK)), "no burst of the yardstick's there");
    }

    @Test
    void rssPerConnectionIsAMultipleOfTheYardsticksAtTheSameLevel() {
        assertEquals(1.049, BARE_NETTY.rssMultiple(held(19_000, 19_000, 0, 3670)));
        assertEquals(0, BARE_NETTY.rssMultiple(held(19_000, 19_000, 12, 3670)), "the model did not hold the level");
        assertEquals(0, BARE_NETTY.rssMultiple(held(1000, 1000, 0, 400)), "the yardstick's own figure is 0");
    }

    @Test
    void itsNameSaysWhichYardstick() {
        assertEquals("bare-netty-epoll", BARE_NETTY.name());
        assertEquals("c-server", YardstickResult.notMeasured("no gcc").name());
    }
}
