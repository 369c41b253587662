/**
 * Test support for the servers' tests: capturing what a server logs about its sessions
 * ({@link io.listlines.testing.SessionLogCapture}) and a config that names only what a test changes
 * ({@link io.listlines.testing.ServerConfigBuilder}).
 */
package io.listlines.testing;
