/**
 * What every server model shares, whatever runs its sessions: the session rules and their log
 * lines, the counters and metrics, the configuration and the flags that fill it (address blocks
 * for trusted proxies, {@link io.listlines.core.Cidr}), the orderly stop on SIGTERM
 * ({@link io.listlines.core.ShutdownSignal}), and the TLS
 * settings ({@link io.listlines.core.ServerTls}) and failure causes ({@link io.listlines.core.TlsFailure})
 * every model shares.
 */
package io.listlines.core;
