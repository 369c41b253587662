package io.listlines.threaded;

import io.listlines.core.ProxyPolicy;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerSession;
import io.listlines.core.ServerTls;
import io.listlines.core.Sessions;
import io.listlines.protocol.BlockingCodec;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.ProxyHeaderReader;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLSocket;

/**
 * One connection served by one thread with blocking I/O: the same {@link ServerSession} rules as
 * the Netty handler, the idle timeout as a socket read timeout and, for the list's write, a
 * {@link StallGuard}. With {@code --proxy-protocol} the PROXY header comes first, read by
 * {@link ProxyHeaderReader} and judged by {@link ProxyPolicy}, as on Netty. With TLS the plain socket
 * is then wrapped in a server-mode {@link SSLSocket} ({@link ServerTls#wrap}) and the handshake done on
 * the session's own thread before the list is sent; the PROXY header, which a balancer writes in
 * plaintext before the client's TLS bytes, is read from the plain socket first.
 */
final class BlockingSession {
    private BlockingSession() {}

    /**
     * @param list  the list as the server sends it, encoded once for every connection ({@link ListFrame#bytes})
     * @param proxy what a PROXY header means, or null without {@code --proxy-protocol}
     * @param tls   the TLS settings, or null for plaintext
     */
    static void serve(
            Socket socket, ServerConfig config, byte[] list, Sessions sessions, ProxyPolicy proxy, ServerTls tls) {
        ServerSession session;
        if (proxy == null) {
            session = sessions.open(socket.getRemoteSocketAddress());
        } else {
            session = openAfterHeader(socket, proxy);
            if (session == null) {
                closeQuietly(socket);
                return;
            }
        }
        StallGuard output = null;
        Socket stream = socket;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(config.idleTimeoutSeconds() * 1000);
            if (tls != null) {
                SSLSocket secure = handshake(socket, tls, session);
                if (secure == null) {
                    return;
                }
                stream = secure;
            }
            output = config.idleTimeoutSeconds() > 0
                    ? new StallGuard(stream.getOutputStream(), socket, config.idleTimeoutSeconds())
                    : null;
            BlockingCodec codec = new BlockingCodec(
                    stream.getInputStream(),
                    output != null ? output : stream.getOutputStream(),
                    config.maxFrame(),
                    config.framing());
            codec.writeEncoded(list);
            while (!session.isComplete()) {
                String line = codec.readLine();
                if (line == null) {
                    break;
                }
                session.line(line);
            }
        } catch (IOException | RuntimeException e) {
            if (output != null && output.stalled()) {
                session.idle();
            }
            session.failed(e);
        } finally {
            closeQuietly(stream); // a TLS socket sends its close_notify and closes the plain one under it
            closeQuietly(socket);
            session.closed();
        }
    }

    /**
     * The TLS handshake, on this session's thread, each read bounded by the idle timeout (the socket's read
     * timeout, already set); the TLS socket, or null when it failed, recorded as the session's error by cause.
     */
    private static SSLSocket handshake(Socket socket, ServerTls tls, ServerSession session) {
        SSLSocket secure = null;
        try {
            secure = tls.wrap(socket);
            secure.startHandshake();
            return secure;
        } catch (IOException | RuntimeException e) {
            session.failedHandshake(e);
            if (secure != null) {
                closeQuietly(secure);
            }
            return null;
        }
    }

    /** Reads the header within its deadline; the session it opens, or null (failed or refused: counted, logged). */
    private static ServerSession openAfterHeader(Socket socket, ProxyPolicy proxy) {
        SocketAddress real = socket.getRemoteSocketAddress();
        long deadline = System.nanoTime() + proxy.headerTimeoutMillis() * 1_000_000;
        HAProxyMessage header;
        try {
            // The whole header within the timeout, not each read: a byte now and then must not hold the thread.
            header = ProxyHeaderReader.read(socket.getInputStream(), () -> {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            });
        } catch (SocketTimeoutException e) {
            proxy.failed(real, "none within " + proxy.headerTimeoutMillis() / 1000 + " s");
            return null;
        } catch (HAProxyProtocolException e) {
            proxy.malformed(real, e);
            return null;
        } catch (EOFException e) {
            proxy.failed(real, "the connection closed before a complete header");
            return null;
        } catch (IOException e) {
            proxy.failed(real, "the connection failed before a complete header: " + e.getMessage());
            return null;
        }
        try {
            return proxy.open(header, real);
        } finally {
            header.release();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
