/**
 * The list-lines protocol of {@code docs/PROTOCOL.md} (the wire contract, in the repository), for every server model and the client: the frame header
 * ({@link io.listlines.protocol.FrameHeader}) and the two framings, the line rules, the pickled list
 * (written with razorvine, read by a restricted interpreter of its own), the Netty codecs both sides'
 * pipelines are built from, and the blocking codec of the threaded servers.
 */
package io.listlines.protocol;
