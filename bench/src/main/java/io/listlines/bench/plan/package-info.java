/**
 * What a run does, as named data: the {@link io.listlines.bench.plan.Plan} of every scenario, the
 * raw race's own, and the two {@link io.listlines.bench.plan.Profile}s (full and quick) side by side.
 */
package io.listlines.bench.plan;
