package io.listlines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ProgramVersionTest {
    @Command(name = "some-program", mixinStandardHelpOptions = true, versionProvider = NettyProgramVersion.class)
    static final class SomeProgram implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void namesTheProgramItsBuildTheJavaAndTheTransports() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(new SomeProgram()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertEquals(0, cli.execute("--version"), err::toString);
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        // the build recorded the project's version and a commit (or "unknown" without git): never a blank
        assertTrue(lines.get(0).matches("listlines some-program \\d+\\.\\d+\\.\\d+\\S*"), lines.get(0));
        assertTrue(lines.get(1).matches("commit \\S+"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Java " + Runtime.version()), lines.get(2));
        assertTrue(
                lines.get(3).startsWith("transports on this machine: ")
                        && lines.get(3).endsWith("nio"),
                lines.get(3));
    }
}
