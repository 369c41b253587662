/** Test support for the servers' tests: capturing what a server logs about its sessions. */
package io.listlines.testing;
