package io.listlines.process;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line every server logs once it listens, {@code Listening on HOST:PORT (...)}, read back by
 * whoever started it as a process with {@code --port 0} (the bench, the tests) to learn its port.
 */
public record ListeningLine(String host, int port) {
    /** The host may itself hold colons (an IPv6 address): the port is what follows the last one. */
    private static final Pattern LISTENING = Pattern.compile("Listening on (\\S*):(\\d+)(?=\\s|$)");

    /** The address in {@code logLine}, if it is the listening line (with or without a log prefix). */
    public static Optional<ListeningLine> find(String logLine) {
        Matcher m = LISTENING.matcher(logLine);
        return m.find() ? Optional.of(new ListeningLine(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }
}
