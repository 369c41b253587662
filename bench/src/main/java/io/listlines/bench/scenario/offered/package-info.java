/** Latency against offered load: open-loop runs at rising rates, up to each model's knee. */
package io.listlines.bench.scenario.offered;
