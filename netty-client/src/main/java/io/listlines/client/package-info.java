/**
 * {@code bin/netty-client}: the article's client on Netty (one session or many), the load generator
 * ({@code load}, with its report as text and JSON) and the soak ({@code soak}), which checks a
 * server's Prometheus counters against what its hostile and well-behaved clients did.
 */
package io.listlines.client;
