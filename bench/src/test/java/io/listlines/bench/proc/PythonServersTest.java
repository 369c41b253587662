package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where python3 is found (or not, and the race goes on without it), and that every program ships in the jar. */
class PythonServersTest {
    @Test
    void python3IsTheFirstExecutableOnThePath(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertNull(PythonServers.python3(empty.toString()), "no python3: the Python servers are skipped");
        assertNull(PythonServers.python3(null));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path python = Files.createFile(
                bin.resolve("python3"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertEquals(python, PythonServers.python3(empty + ":" + bin));
    }

    @Test
    void everyProgramIsWrittenFromTheClasspath(@TempDir Path dir) throws Exception {
        for (PythonServers.Program program : PythonServers.ALL) {
            Path file = PythonServers.write(program, dir);
            String text = Files.readString(file);
            assertTrue(text.startsWith("#!/usr/bin/env python3"), program.file());
            // how the bench learns the port (ServerProcess reads the line as the Java servers print it)
            assertTrue(text.contains("'Listening on %s:%d'"), program.file() + " prints the listening line");
        }
    }
}
