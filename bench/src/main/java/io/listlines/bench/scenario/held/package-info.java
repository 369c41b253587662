/** Slow clients held at once, level by level, with the minimal C server as the floor of memory. */
package io.listlines.bench.scenario.held;
