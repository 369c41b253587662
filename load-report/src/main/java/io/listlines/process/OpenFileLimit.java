package io.listlines.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The open-file limit of this process, which caps its connections: every socket is a file.
 * Read from {@code /proc/self/limits} (Linux); elsewhere unknown.
 */
public record OpenFileLimit(long soft, long hard) {
    /** Files a JVM with Netty holds besides its sockets: jars, epoll/io_uring descriptors, pipes. */
    public static final int JVM_OVERHEAD = 128;

    public static final OpenFileLimit UNKNOWN = new OpenFileLimit(Long.MAX_VALUE, Long.MAX_VALUE);

    public static OpenFileLimit current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields =
                            line.substring("Max open files".length()).trim().split("\\s+");
                    return new OpenFileLimit(parse(fields[0]), parse(fields[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: nothing to check against
        }
        return UNKNOWN;
    }

    private static long parse(String value) {
        return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
    }

    public boolean isKnown() {
        return soft != Long.MAX_VALUE;
    }

    /** How many connections this process can hold at once, keeping room for the JVM's own files. */
    public long connectionCeiling() {
        return isKnown() ? Math.max(0, soft - JVM_OVERHEAD) : Long.MAX_VALUE;
    }
}
