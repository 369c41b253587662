/**
 * {@code bin/netty-client}: the article's client on Netty (one session or many), the load generator
 * ({@code load}, with its report as text and JSON) and the soak ({@code soak}), which checks a
 * server's Prometheus counters against what its hostile and well-behaved clients did. Any of them
 * speaks TLS with {@code --tls} ({@link io.listlines.client.ClientTls}).
 */
package io.listlines.client;
