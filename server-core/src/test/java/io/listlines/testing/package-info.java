/**
 * Test support for the servers' tests: capturing what a server logs about its sessions
 * ({@link io.listlines.testing.SessionLogCapture}), a config that names only what a test changes
 * ({@link io.listlines.testing.ServerConfigBuilder}), a GET to a metrics port
 * ({@link io.listlines.testing.LoopbackHttp}) and certificates made for the TLS tests
 * ({@link io.listlines.testing.TestPki}).
 */
package io.listlines.testing;
