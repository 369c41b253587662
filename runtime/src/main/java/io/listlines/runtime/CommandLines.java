package io.listlines.runtime;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs a picocli command the way every program of the project does: one sentence per error. */
public final class CommandLines {
    private CommandLines() {}

    /** Parses {@code args}, runs {@code command} and returns the exit status. */
    public static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((ex, ignored) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(sentence(ex.getMessage()) + " Run with --help for usage.");
            err.flush();
            return CommandFailure.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof CommandFailure failure) {
                line.getErr().println(sentence(failure.getMessage()));
                line.getErr().flush();
                return failure.status();
            }
            throw ex;
        });
        return cli.execute(args);
    }

    private static String sentence(String message) {
        String text = message == null ? "Failed." : message.strip();
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }
}
