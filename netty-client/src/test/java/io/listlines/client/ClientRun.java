package io.listlines.client;

import io.listlines.runtime.CommandLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A run of the {@code netty-client} command in the test's own JVM, as its {@code main} runs it: its exit status and
 * what it printed. Runs take turns, since each holds System.out and System.err for its time.
 */
public record ClientRun(int status, String out, String err) {
    /** Runs {@code netty-client args...}. */
    public static synchronized ClientRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = CommandLines.execute(new NettyClientCommand(), args);
            return new ClientRun(
                    status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
