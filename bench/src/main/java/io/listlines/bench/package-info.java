/**
 * {@code bin/bench}: every server model in its own JVM, loaded by the load generator (and a minimal C
 * client) in other processes and sampled from /proc, in a burst phase and a held phase, with two
 * yardsticks in the same bursts and levels (a minimal C server, the floor, and bare Netty on each
 * transport, what Netty alone costs) that each model's CPU and memory are given as multiples of, a
 * race in raw framing against the article's own servers in Python, and the price of each server
 * feature (logging, metrics, limits, PROXY protocol) in CPU per session over the default; the results
 * as results.json, results.md and charts, with the targets reported, never asserted.
 *
 * <p>Its packages, in the order a run goes through them: {@code plan} (what a run does: the full and
 * quick profiles side by side), {@code run} (the {@code Harness} every scenario runs its steps
 * through, and {@code BenchRun}), {@code scenario} (the {@code Scenario} shape and the
 * {@code Scenarios} registry) with one package per scenario ({@code scenario.burst},
 * {@code scenario.held} ...), {@code proc} (child processes: servers, the load generator, the C
 * programs, /proc sampling), {@code model} (the results as plain records, results.json's shape),
 * {@code analysis} (targets, notes and the summary: functions of the results alone) and
 * {@code report} (results.md and the charts).
 *
 * <p>To add a scenario: a package {@code scenario.NAME} with a class implementing
 * {@link io.listlines.bench.scenario.Scenario} (its name for {@code --scenarios}, its run through the
 * {@code Harness} into the {@code Findings}, its section of results.md and its charts, both read
 * from the results alone), and one line in {@link io.listlines.bench.scenario.Scenarios#ALL}, whose
 * order is the order of the run and of the report. Results that fit no field of
 * {@link io.listlines.bench.model.Results} go to {@code Findings.scenarioResult(NAME, record)} and
 * come back with {@code Results.scenarioResult(NAME, type)} ({@code scenario.features} does so); settings that differ between the full and
 * the quick run go in {@link io.listlines.bench.plan.Profile}.
 */
package io.listlines.bench;
