/** Bursts and held levels over TLS, every model, the reference Netty one with each provider. */
package io.listlines.bench.scenario.tls;
