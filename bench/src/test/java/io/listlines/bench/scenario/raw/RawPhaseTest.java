package io.listlines.bench.scenario.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.bench.model.HeldResult;
import io.listlines.bench.model.Run;
import io.listlines.bench.model.ServerModel;
import io.listlines.bench.model.Status;
import io.listlines.bench.plan.Plan;
import io.listlines.bench.plan.RawPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Java models race in raw framing, and how a held level reads in the race's reports. */
class RawPhaseTest {
    private static List<String> names(List<ServerModel> models) {
        return models.stream().map(ServerModel::name).toList();
    }

    @Test
    void aFullRaceRunsEveryJavaModelOfTheRun() {
        List<ServerModel> models = ServerModel.all();
        assertEquals(models, RawPhase.javaModels(models, models.getFirst(), RawPlan.fullRun()));
    }

    @Test
    void aQuickRaceRunsTheReferenceNettyOnly() {
        ServerModel nio = ServerModel.named("netty-nio");
        assertEquals(List.of("netty-nio"), names(RawPhase.javaModels(ServerModel.all(), nio, RawPlan.quickRun())));
        // a run without them races what it has
        assertEquals(
                List.of("virtual"),
                names(RawPhase.javaModels(List.of(ServerModel.named("virtual")), null, RawPlan.fullRun())));
        assertTrue(RawPhase.javaModels(List.of(ServerModel.named("virtual")), null, RawPlan.quickRun())
                .isEmpty());
    }

    private static HeldResult held(int level, long open, long failed, Status status) {
        Run run = new Run(status, null, 10, failed, Map.of("timeout", failed), 1, 1, 1, 1, 1, 0, "", null, null);
        return new HeldResult(level, 100, 0, 2, open, open, 1, 1, 1, 1, 0, List.of(), run);
    }

    @Test
    void aLevelWithClientsThatWaitedInVainIsNotServed() {
        assertEquals("held", RawPhase.served(held(20, 20, 0, Status.OK)));
        assertEquals("not served", RawPhase.served(held(20, 20, 14, Status.OK)), "the pool's queue");
        assertEquals("not served", RawPhase.served(held(20, 2, 0, Status.OK)), "not every client open at once");
        assertEquals("server-down", RawPhase.served(held(20, 0, 0, Status.SERVER_DOWN)));
    }

    @Test
    void theQuickRaceIsSmallAndItsLevelMoreThanThePoolServes() {
        RawPlan quick = RawPlan.quickRun();
        assertTrue(quick.burstSessions() <= 1000 && quick.serverWarmupSessions() == 0);
        assertTrue(quick.heldLevels().stream().allMatch(level -> level > 2));
        assertEquals(RawPlan.fullRun(), RawPlan.of(Plan.fullRun()));
    }
}
