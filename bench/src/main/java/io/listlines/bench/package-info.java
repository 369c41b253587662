/**
 * {@code bin/bench}: every server model in its own JVM, loaded by the load generator (and a minimal C
 * client) in other processes and sampled from /proc, in a burst phase and a held phase, with a
 * minimal C server in the bursts as the yardstick of their CPU, and a race in raw framing against the
 * article's own servers in Python; the results as results.json, results.md and charts, with the
 * issue's targets reported, never asserted.
 */
package io.listlines.bench;
