package io.listlines.bench.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The minimal single-threaded epoll server in C ({@code src/main/c/minimal_server.c}, shipped in the
 * jar): the CPU yardstick the server models are held against, as it costs a session when nothing
 * but the protocol runs. Compiled with {@code gcc -O2} at run time ({@link CProgram}), started on
 * 127.0.0.1 and an ephemeral port as a {@link ServerProcess} like a model's server (it prints the
 * same listening line).
 */
public final class MinimalServer {
    private MinimalServer() {}

    /**
     * Compiles the server into {@code dir}.
     *
     * @return the executable
     * @throws IOException with a one-line reason if there is no gcc or it fails
     */
    public static Path compile(Path dir) throws IOException {
        return CProgram.compile("minimal_server", dir);
    }

    /** The command that starts {@code exe} on loopback and an ephemeral port. */
    public static List<String> command(Path exe) {
        return List.of(exe.toString(), "127.0.0.1", "0");
    }

    /**
     * Starts {@code exe}, copying its output to {@code log}, and waits for it to listen.
     *
     * @throws IOException with the reason (and the log's tail) if it does not listen in time
     */
    public static ServerProcess start(Path exe, Path log) throws IOException {
        return ServerProcess.start(command(exe), log);
    }
}
