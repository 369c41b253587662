package io.listlines.bench.proc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The server processes a held stint runs against: one, or several of one model sharing one port with
 * {@code --reuse-port} (the kernel spreads the connections among them), so that a level can pass what
 * one process's open-file limit allows. Sampled, stopped and reported as one server.
 */
public record ServerGroup(List<ServerProcess> processes) {
    public ServerGroup {
        processes = List.copyOf(processes);
        if (processes.isEmpty()) {
            throw new IllegalArgumentException("a server group needs a process");
        }
    }

    public static ServerGroup of(ServerProcess process) {
        return new ServerGroup(List.of(process));
    }

    /** The port they all listen on. */
    public int port() {
        return processes.getFirst().port();
    }

    public List<Long> pids() {
        return processes.stream().map(ServerProcess::pid).toList();
    }

    public int size() {
        return processes.size();
    }

    /** Whether every process is still running. */
    public boolean isAlive() {
        return processes.stream().allMatch(ServerProcess::isAlive);
    }

    /** The tail of the first stopped process's log (or the first's), for a step that found the group down. */
    public String deadTail() {
        return processes.stream()
                .filter(p -> !p.isAlive())
                .findFirst()
                .map(p -> ServerProcess.tail(p.log()))
                .orElse(ServerProcess.tail(processes.getFirst().log()));
    }

    /** The pids, for progress lines: {@code 123} or {@code 123, 124, 125}. */
    public String pidList() {
        return processes.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "));
    }

    /** {@code name.log} as {@code name-PART.log} (a name without an extension gets {@code -PART} at its end). */
    public static String numbered(String logName, String part) {
        int dot = logName.lastIndexOf('.');
        return dot < 0 ? logName + "-" + part : logName.substring(0, dot) + "-" + part + logName.substring(dot);
    }
}
