/**
 * The article's blocking servers: one accepting thread and the model's way of running a session
 * (a platform thread per client, a fixed pool fed by a queue, a virtual thread per client), over
 * the same session rules and blocking codec, with {@link io.listlines.threaded.StallGuard} as the
 * write timeout {@code java.net} lacks, and with TLS a JDK {@code SSLSocket} over each accepted
 * socket, its handshake on the session's thread; and the {@code threaded-server} command.
 */
package io.listlines.threaded;
