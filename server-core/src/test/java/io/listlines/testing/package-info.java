/**
 * Test support for the servers' tests: capturing what a server logs about its sessions
 * ({@link io.listlines.testing.SessionLogCapture}), a config that names only what a test changes
 * ({@link io.listlines.testing.ServerConfigBuilder}) and a GET to a metrics port
 * ({@link io.listlines.testing.LoopbackHttp}).
 */
package io.listlines.testing;
