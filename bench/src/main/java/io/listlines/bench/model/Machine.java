package io.listlines.bench.model;

import java.util.List;

/** The machine the numbers come from: the report starts with it. */
public record Machine(
        int cores,
        String cpuModel,
        long memoryBytes,
        String os,
        String kernel,
        String jdk,
        String javaCommand,
        long openFileLimitSoft,
        long openFileLimitHard,
        long clockTicksPerSecond,
        List<String> transports,
        String ephemeralPortRange,
        String somaxconn,
        String pidMax) {

    /** Ephemeral ports one source address has towards one target. */
    public long ephemeralPorts() {
        try {
            String[] range = ephemeralPortRange.split("-");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
