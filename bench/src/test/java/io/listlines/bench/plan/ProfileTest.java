package io.listlines.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two profiles, by name, are the plans the bench always had. */
class ProfileTest {
    @Test
    void theFullPlan() {
        assertEquals(
                new Plan(
                        false,
                        50_000,
                        List.of(100, 1000),
                        10,
                        3,
                        300,
                        50_000,
                        20_000,
                        List.of(1000, 5000, 10_000, 19_000),
                        1000,
                        10,
                        10,
                        30,
                        true,
                        1000,
                        List.of(1000, 2000, 4000, 6000, 8000, 10_000, 12_000, 14_000),
                        10,
                        5,
                        1000,
                        true,
                        1),
                Plan.fullRun());
        assertEquals(new RawPlan(5_000, 100, 1_000, List.of(100, 1000, 5000), true), RawPlan.fullRun());
        assertTrue(Profile.FULL.tlsEveryVariant());
        assertTrue(Profile.FULL.tlsAllHeldLevels());
        assertEquals(5, Profile.FULL.startupRuns());
        assertEquals(5, Profile.FULL.featuresRounds());
        assertTrue(Profile.FULL.featuresEveryVariant());
    }

    @Test
    void theQuickPlan() {
        assertEquals(
                new Plan(
                        true,
                        1000,
                        List.of(100, 1000),
                        0,
                        1,
                        60,
                        200,
                        200,
                        List.of(1000),
                        100,
                        1,
                        3,
                        30,
                        false,
                        100,
                        List.of(200, 400),
                        2,
                        0,
                        100,
                        false,
                        1),
                Plan.quickRun());
        assertEquals(new RawPlan(200, 20, 0, List.of(10), false), RawPlan.quickRun());
        assertEquals(RawPlan.quickRun(), RawPlan.of(Plan.quickRun()));
        assertFalse(Profile.QUICK.tlsEveryVariant());
        assertFalse(Profile.QUICK.tlsAllHeldLevels());
        assertEquals(1, Profile.QUICK.startupRuns());
        assertEquals(1, Profile.QUICK.featuresRounds());
        assertFalse(Profile.QUICK.featuresEveryVariant());
    }

    @Test
    void theCommandLinesOverridesByName() {
        Plan plan = Plan.fullRun().with(7L, List.of(5), 20_000, 2).withProcesses(3);
        assertEquals(7, plan.burstSessions());
        assertEquals(List.of(5), plan.heldLevels());
        assertEquals(20_000, plan.thinkMillis());
        assertEquals(61, plan.serverIdleTimeoutSeconds(), "three pauses and a second");
        assertEquals(2, plan.holdSeconds());
        assertEquals(3, plan.processes());
        assertEquals(Plan.fullRun().offeredRates(), plan.offeredRates());
    }
}
