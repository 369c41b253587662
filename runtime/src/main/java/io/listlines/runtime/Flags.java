package io.listlines.runtime;

import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Flag values that the servers and the client both take ({@code --list}, {@code --framing},
 * {@code --max-frame}, {@code --threads}) and the check every command makes of its flags; each
 * failure is one sentence and exit status 2.
 */
public final class Flags {
    private Flags() {}

    /**
     * Throws a usage failure with {@code sentence} unless {@code ok}.
     *
     * @throws CommandFailure (usage, status 2)
     */
    public static void require(boolean ok, String sentence) {
        if (!ok) {
            throw CommandFailure.usage(sentence);
        }
    }

    /** Parses {@code 1,2,7,9,0} (spaces allowed; empty for the empty list), as {@code flag} gives it. */
    public static List<Long> parseList(String flag, String text) {
        List<Long> values = new ArrayList<>();
        if (text.isBlank()) {
            return values;
        }
        for (String item : text.split(",", -1)) {
            try {
                values.add(Long.parseLong(item.strip()));
            } catch (NumberFormatException e) {
                throw CommandFailure.usage(flag + " must be comma-separated signed 64-bit integers, and '"
                        + item.strip() + "' is not one.");
            }
        }
        return values;
    }

    /** Checks a {@code --max-frame} value: from 1 byte to the protocol's limit. */
    public static int maxFrame(int bytes) {
        require(
                bytes >= 1 && bytes <= Protocol.MAX_FRAME_LIMIT,
                "--max-frame must be between 1 and " + Protocol.MAX_FRAME_LIMIT + " bytes, not " + bytes + ".");
        return bytes;
    }

    /** The {@code --threads} value, {@code byDefault} when not given, checked to be at least 1. */
    public static int threads(Integer given, int byDefault) {
        int n = given != null ? given : byDefault;
        require(n >= 1, "--threads must be at least 1, not " + n + ".");
        return n;
    }

    /** Parses a {@code --framing} value. */
    public static Framing parseFraming(String text) {
        Framing parsed = Framing.parse(text);
        require(parsed != null, "--framing must be framed or raw, not '" + text + "'.");
        return parsed;
    }
}
