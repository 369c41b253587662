/**
 * The bench's Netty yardstick: the framed list-lines protocol served with the fewest parts a Netty
 * programmer would write ({@link io.listlines.bare.BareNettyServer}), so that the bench can say what
 * Netty itself costs above the minimal C server and what netty-server adds above Netty. Not shipped.
 */
package io.listlines.bare;
