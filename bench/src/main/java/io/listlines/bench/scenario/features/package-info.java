/**
 * What each feature costs: the reference Netty server's CPU per session with one feature on at a time
 * (session logging, the metrics endpoint scraped, the per-address and total connection limits, PROXY
 * protocol v2) and with all of them, in interleaved rounds of bursts, each priced over the default.
 */
package io.listlines.bench.scenario.features;
