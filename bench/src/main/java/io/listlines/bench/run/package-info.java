/**
 * A run: the {@link io.listlines.bench.run.Harness} (servers started and stopped, warm-ups, load runs
 * sampled from /proc, the minimal C client beside them and the {@link io.listlines.bench.run.Yardstick}s,
 * the minimal C server and bare Netty, notes and progress lines), the
 * {@link io.listlines.bench.run.Findings} the scenarios put what they measure in, and
 * {@link io.listlines.bench.run.BenchRun}, which runs the scenarios and times each.
 */
package io.listlines.bench.run;
