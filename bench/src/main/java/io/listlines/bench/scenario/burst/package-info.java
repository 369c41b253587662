/** Full sessions as fast as they go, every model in rounds, with the minimal C server and client beside them. */
package io.listlines.bench.scenario.burst;
