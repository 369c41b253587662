/**
 * The list-lines server on Netty: {@link io.listlines.server.NettyServer} wires the bootstrap,
 * {@link io.listlines.server.ServerInitializer} builds each connection's pipeline (read it top to
 * bottom to follow a connection's bytes), {@link io.listlines.server.SessionHandler} drives the
 * session, and {@link io.listlines.server.AcceptFailureHandler} pauses accepting when it fails.
 * With TLS, Netty's {@code SslHandler} leads each pipeline (after a PROXY header) and
 * {@link io.listlines.server.ShutdownBeforeClose} sees each close.
 */
package io.listlines.server;
