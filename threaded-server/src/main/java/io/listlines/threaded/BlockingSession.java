package io.listlines.threaded;

import io.listlines.core.ServerConfig;
import io.listlines.core.ServerSession;
import io.listlines.core.Sessions;
import io.listlines.protocol.BlockingCodec;
import io.listlines.protocol.ListFrame;
import java.io.IOException;
import java.net.Socket;

/**
 * One connection served by one thread with blocking I/O: the same {@link ServerSession} rules as
 * the Netty handler, the idle timeout as a socket read timeout and, for the list's write, a
 * {@link StallGuard}.
 */
final class BlockingSession {
    private BlockingSession() {}

    /** @param list the list as the server sends it, encoded once for every connection ({@link ListFrame#bytes}) */
    static void serve(Socket socket, ServerConfig config, byte[] list, Sessions sessions) {
        ServerSession session = sessions.open(socket.getRemoteSocketAddress());
        StallGuard output = null;
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(config.idleTimeoutSeconds() * 1000);
            output = config.idleTimeoutSeconds() > 0 ? new StallGuard(socket, config.idleTimeoutSeconds()) : null;
            BlockingCodec codec = new BlockingCodec(
                    socket.getInputStream(),
                    output != null ? output : socket.getOutputStream(),
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
            session.closed();
        }
    }
}
