/**
 * The bench's child processes and what it reads of them: server processes and groups of them, runs
 * of the load generator (its JSON report), the minimal C client and server and the article's Python
 * servers, /proc sampling, a Java server's GC log ({@link io.listlines.bench.proc.GcLog}), the transports
 * netty-server.jar finds, and the jars copied for a run (bare-netty.jar among them).
 */
package io.listlines.bench.proc;
