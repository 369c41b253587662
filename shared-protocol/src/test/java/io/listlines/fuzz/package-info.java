/**
 * Seeded fuzzing with plain JUnit ({@link io.listlines.fuzz.Fuzz}): the generators and mutations the
 * properties draw from, the models of docs/PROTOCOL.md's framings ({@link io.listlines.fuzz.Streams}) that
 * the Netty decoders and the blocking codec are checked against, and the properties of the frame, line
 * and list decoders. netty-server's pipeline fuzz test uses the same kit.
 */
package io.listlines.fuzz;
