package io.listlines.bench.model;

import java.util.Locale;

/** Byte counts as the reports and progress lines write them. */
public final class Sizes {
    private Sizes() {}

    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
    }

    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
