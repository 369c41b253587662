package io.listlines.e2e.kit;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file the repository ships (under {@code deploy/}, say), found from wherever the test runs. */
public final class RepositoryFile {
    private RepositoryFile() {}

    /** {@code relative} in the first directory at or above the working directory that has it. */
    public static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(relative);
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
