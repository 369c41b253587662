/**
 * The shape of a scenario ({@link io.listlines.bench.scenario.Scenario}: its run, its section of
 * results.md, its charts) and the registry of them ({@link io.listlines.bench.scenario.Scenarios});
 * each scenario lives in a package of its own below this one.
 */
package io.listlines.bench.scenario;
