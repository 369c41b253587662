package io.listlines.runtime;

/** Ends a program with one clear sentence on standard error and a non-zero status. */
public final class CommandFailure extends RuntimeException {
    /** Status of a bad command line, as picocli uses. */
    public static final int USAGE = 2;
    /** Status of a failure at run time (cannot bind, server unreachable, ...). */
    public static final int FAILED = 1;

    private final int status;

    public CommandFailure(String sentence, int status) {
        super(sentence, null, false, false);
        this.status = status;
    }

    public static CommandFailure usage(String sentence) {
        return new CommandFailure(sentence, USAGE);
    }

    public static CommandFailure failed(String sentence) {
        return new CommandFailure(sentence, FAILED);
    }

    public int status() {
        return status;
    }
}
