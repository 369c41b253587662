package io.listlines.bench.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a scenario, or the comparison with the C client, ended; results.json and the reports give its label. */
public enum Status {
    OK("ok"),
    /** The generator ran but completed no session. */
    NO_SESSIONS("no-sessions"),
    /** The generator refused the command line or a limit it could not meet (its exit status 2). */
    REFUSED("refused"),
    /** Killed at its time limit. */
    OVERRUN("overrun"),
    SERVER_DOWN("server-down"),
    ERROR("error"),
    /** The comparison with the C client, and the C server yardstick, only: it did not run. */
    NOT_MEASURED("not measured");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
