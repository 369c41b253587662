package io.listlines.bench.model;

import io.listlines.bench.plan.RawPlan;
import java.util.List;

/**
 * The raw-framing race: the article's servers in Python 3, one on asyncio, and Java models with
 * {@code --framing raw}, each burst and held as {@code plan} says, by the load generator in raw
 * framing. A server's result has a model's shape (kind {@code python} for the Python ones, no
 * offered-load runs); {@code note} says what did not run (no python3), or is null.
 */
public record RawResult(RawPlan plan, String note, List<ModelResult> servers) {
    public static final RawResult NONE = new RawResult(null, null, List.of());

    public RawResult {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** The servers that ran. */
    public List<ModelResult> serversRun() {
        return servers.stream().filter(ModelResult::available).toList();
    }
}
