package io.listlines.bench.proc;

import io.listlines.bench.model.Machine;
import io.listlines.process.OpenFileLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the bench runs on, read from /proc and the JVM, for the report's first table. */
public final class MachineProbe {
    private MachineProbe() {}

    public static Machine describe(String javaCommand, List<String> transports) {
        OpenFileLimit limit = OpenFileLimit.current();
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown"),
                memTotal(),
                osName(),
                read(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?") + " "
                        + System.getProperty("java.runtime.version", System.getProperty("java.version")),
                javaCommand,
                limit.isKnown() ? limit.soft() : -1,
                limit.isKnown() ? limit.hard() : -1,
                ProcSampler.ticksPerSecond(),
                List.copyOf(transports),
                read(Path.of("/proc/sys/net/ipv4/ip_local_port_range"), "?").replaceAll("\\s+", "-"),
                read(Path.of("/proc/sys/net/core/somaxconn"), "?"),
                read(Path.of("/proc/sys/kernel/pid_max"), "?"));
    }

    private static String read(Path file, String otherwise) {
        try {
            // Line by line: some kernels report a size of 1 for /proc/sys files, and readString trusts it.
            return String.join("\n", Files.readAllLines(file)).trim();
        } catch (IOException | RuntimeException e) {
            return otherwise;
        }
    }

    private static String firstValue(Path file, String key, String otherwise) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? otherwise : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return otherwise;
    }

    private static long memTotal() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal", "");
        try {
            return Long.parseLong(kb.replace("kB", "").trim()) * 1024;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length())
                            .replace("\"", "")
                            .trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
