/**
 * Test support every module's tests share through shared-protocol's test jar: the leak check that
 * fails a test on an unreleased {@code ByteBuf}, frames as they go on the wire
 * ({@link io.listlines.testing.Frames}) and lists decoded from plain bytes
 * ({@link io.listlines.testing.Pickles}). (server-core's test jar adds its own classes to this package.)
 */
package io.listlines.testing;
