package io.listlines.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process's resident memory and thread count from {@code /proc/PID/status} (Linux), the one
 * reader of it for the bench's sampler, the soak's leak check and the tests.
 *
 * @param rssKb   {@code VmRSS} in KB (the kernel's "kB"); 0 when the kernel gives none, as for a zombie
 * @param threads {@code Threads}
 */
public record ProcStatus(long rssKb, int threads) {

    /** The process's status now; empty if it is gone, or this is not Linux. */
    public static Optional<ProcStatus> read(long pid) {
        try {
            return Optional.of(parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The fields of a status file's lines ({@code VmRSS:   234468 kB}, {@code Threads:  17}). */
    static ProcStatus parse(List<String> lines) {
        long rssKb = 0;
        int threads = 0;
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(firstField(line));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(firstField(line));
            }
        }
        return new ProcStatus(rssKb, threads);
    }

    private static String firstField(String line) {
        return line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0];
    }

    public long rssBytes() {
        return rssKb * 1024;
    }
}
