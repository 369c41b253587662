/**
 * What every server model shares, whatever runs its sessions: the session rules and their log
 * lines, the counters and metrics, the configuration and the flags that fill it.
 */
package io.listlines.core;
