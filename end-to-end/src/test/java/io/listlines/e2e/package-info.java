/**
 * End-to-end tests ({@code *IT}, run by Failsafe in {@code mvn verify}): every server model and
 * the client over real loopback sockets, and the programs as real processes (signals, the
 * open-file limit, the article's Python programs).
 */
package io.listlines.e2e;
