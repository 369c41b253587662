package io.listlines.bench.proc;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the bench starts, so that none outlives it: stopped by signal ({@code kill -TERM},
 * then {@code kill -KILL}), always reaped, and killed by a shutdown hook on Ctrl-C or any exit.
 *
 * <p>Signals go through the {@code kill} command rather than {@link Process#destroy()}, which was
 * seen not to reach the child in some sandboxes; {@link Process#destroyForcibly()} is a fallback.
 */
public final class Children {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            shuttingDown = true;
                            killAll();
                        },
                        "bench-kill-children"));
    }

    private Children() {}

    /** Starts a child and remembers it until {@link #stop} or {@link #reaped}. */
    public static Process start(ProcessBuilder builder) throws IOException {
        if (shuttingDown) {
            throw new IOException("the bench is stopping");
        }
        Process process = builder.start();
        LIVE.add(process);
        if (shuttingDown) { // the shutdown hook may have swept before this one was added
            kill(process);
            throw new IOException("the bench is stopping");
        }
        return process;
    }

    /** Forgets a child that has exited by itself. */
    public static void reaped(Process process) {
        LIVE.remove(process);
    }

    /** Sends SIGNAL (TERM, KILL ...) to pid with the kill command; false if that failed. */
    public static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops a child: SIGTERM, up to {@code grace} for it to exit, then SIGKILL. Returns its exit
     * status (143/137 style values when killed), or -1 if it could not be reaped.
     */
    public static int stop(Process process, Duration grace) {
        try {
            if (process.isAlive()) {
                signal(process.pid(), "TERM");
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                }
            }
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(process);
            }
        }
    }

    /** SIGKILL and reap (bounded). */
    public static void kill(Process process) {
        if (process.isAlive()) {
            signal(process.pid(), "KILL");
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            LIVE.remove(process);
        }
    }

    /** Kills every child still running (the shutdown hook; also usable at the end of a run). */
    public static void killAll() {
        for (Process process : LIVE) {
            if (process.isAlive()) {
                signal(process.pid(), "KILL");
                process.destroyForcibly();
            }
        }
        for (Process process : LIVE) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LIVE.removeIf(p -> !p.isAlive());
    }

    /** Sleeps, keeping an interrupt for the caller to see. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
