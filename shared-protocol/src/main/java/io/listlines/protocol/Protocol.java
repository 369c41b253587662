package io.listlines.protocol;

import java.util.List;

/** The constants of the list-lines protocol (see docs/PROTOCOL.md). */
public final class Protocol {
    /** The article's port. */
    public static final int DEFAULT_PORT = 2727;
    /** Bytes of the big-endian length prefix in front of every frame. */
    public static final int LENGTH_FIELD_BYTES = 4;
    /** Largest payload a receiver accepts unless configured otherwise. */
    public static final int DEFAULT_MAX_FRAME = 65_536;
    /** Largest maximum that can be configured: a frame must fit in one Java array. */
    public static final int MAX_FRAME_LIMIT = 1 << 30;
    /** A session is complete when the server has read this many lines. */
    public static final int LINES_PER_SESSION = 10;
    /** The list the article's server pickles. */
    public static final List<Long> DEFAULT_LIST = List.of(1L, 2L, 7L, 9L, 0L);

    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_GRACE_SECONDS = 10;

    private Protocol() {}

    /** The reference client's line number {@code i}: {@code Hey. 0} ... {@code Hey. 9}. */
    public static String clientLine(int i) {
        return "Hey. " + i;
    }
}
