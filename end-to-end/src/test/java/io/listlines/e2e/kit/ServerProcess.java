package io.listlines.e2e.kit;

import io.listlines.process.ListeningLine;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A server program (a main class on the test class path, as {@link #javaCommand} runs it) as a real process on
 * 127.0.0.1, started and waited for until it logs where it listens; its log is read as it comes ({@link #await}).
 * Closing it kills the process if it still runs.
 */
public final class ServerProcess implements AutoCloseable {
    private final ChildProcess child;
    private final int port;

    /** Starts {@code command} (a main class and its flags) with {@code extra} flags, on port 0 unless they name one. */
    public ServerProcess(List<String> command, String... extra) throws Exception {
        this(List.of(), command, extra);
    }

    /** As {@link #ServerProcess(List, String...)}, the JVM started with {@code jvmFlags} too. */
    public ServerProcess(List<String> jvmFlags, List<String> command, String... extra) throws Exception {
        List<String> args = javaCommand(jvmFlags, command);
        args.addAll(List.of("--host", "127.0.0.1"));
        if (!List.of(extra).contains("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        args.addAll(List.of(extra));
        child = ChildProcess.start(args);
        try {
            String listening = child.await("Listening on ");
            port = ListeningLine.find(listening)
                    .orElseThrow(() -> new AssertionError("not a listening line: " + listening))
                    .port();
        } catch (AssertionError | InterruptedException e) {
            child.close();
            throw e;
        }
    }

    /** The port of its {@code --metrics-port}, from the line saying where the metrics are. */
    public int metricsPort() throws InterruptedException {
        String line = await("Metrics on ");
        return URI.create(line.substring(line.indexOf("http://")).strip()).getPort();
    }

    /** A JVM running {@code mainClassAndArgs} on the test class path, logging as the real programs do. */
    public static List<String> javaCommand(List<String> mainClassAndArgs) {
        return javaCommand(List.of(), mainClassAndArgs);
    }

    /** As {@link #javaCommand(List)}, with {@code jvmFlags} before the class path. */
    public static List<String> javaCommand(List<String> jvmFlags, List<String> mainClassAndArgs) {
        List<String> args = new ArrayList<>();
        args.add(ChildProcess.java());
        args.addAll(jvmFlags);
        args.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-Dlogback.configurationFile=logback-server-process.xml",
                "-cp",
                System.getProperty("java.class.path")));
        args.addAll(mainClassAndArgs);
        return args;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return child.process();
    }

    /** The next log line containing {@code fragment} (see {@link ChildProcess#await(String)}). */
    public String await(String fragment) throws InterruptedException {
        return child.await(fragment);
    }

    /** The log lines {@link #await} has gone through so far. */
    public List<String> seen() {
        return child.seen();
    }

    /** Everything the process logged, once it has exited. */
    public List<String> wholeLog() throws InterruptedException {
        return child.wholeOutput();
    }

    /** Its exit status, once it has exited. */
    public int exitStatus() throws InterruptedException {
        return child.exitStatus();
    }

    /** A client of the server, its reads given up after 20 s. */
    public Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Sends a signal ({@code TERM}, {@code KILL} ...) to the server. */
    public void signal(String name) throws IOException, InterruptedException {
        child.signal(name);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        child.close();
    }
}
