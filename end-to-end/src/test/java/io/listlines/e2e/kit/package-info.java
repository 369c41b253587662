/**
 * The end-to-end tests' kit: a child process started, read, waited for and killed ({@link
 * io.listlines.e2e.kit.ChildProcess}, the one place that launches one), a server program as a process ({@link
 * io.listlines.e2e.kit.ServerProcess}), every server model in the test's JVM or as a program and which of them a tier
 * runs ({@link io.listlines.e2e.kit.ServerModels}), the client in the test's JVM (a command run, {@link
 * io.listlines.client.ClientRun} (netty-client's test jar); the load generator, {@link io.listlines.e2e.kit.InProcessLoad}; a loopback
 * config, {@link io.listlines.e2e.kit.LoopbackClient}), the Python programs of the test resources ({@link
 * io.listlines.e2e.kit.PythonScript}), PROXY headers byte for byte, and a server that leaks on purpose for the leak
 * check's positive control.
 */
package io.listlines.e2e.kit;
