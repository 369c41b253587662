/**
 * Test support every module's tests share through shared-protocol's test jar: the leak check that
 * fails a test on an unreleased {@code ByteBuf}, frames as they go on the wire
 * ({@link io.listlines.testing.Frames}), lists decoded from plain bytes
 * ({@link io.listlines.testing.Pickles}), what a pipeline under test wrote
 * ({@link io.listlines.testing.Outbound}) and a socket's input stream that a test scripts
 * ({@link io.listlines.testing.SocketInput}), and the test tiers: the fast one and {@code -Pfull}
 * ({@link io.listlines.testing.TestTier}). (server-core's test jar adds its own classes to this package.)
 */
package io.listlines.testing;
