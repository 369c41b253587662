/**
 * What every listlines program runs on, apart from the protocol: the choice of Netty transport
 * ({@link io.listlines.runtime.Transport}, io_uring, then epoll, then NIO, and what this machine has), what
 * {@code --version} prints, and the command line: one sentence per error, shared flag values; and a
 * {@code --metrics-port}'s HTTP endpoint ({@link io.listlines.runtime.MetricsHttpServer}), for the programs that
 * serve Prometheus metrics and bring its client library.
 */
package io.listlines.runtime;
