package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.protocol.PickledList;
import io.listlines.protocol.Protocol;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.CommandLines;
import io.listlines.testing.Pickles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ServerOptionsTest {

    @Command(name = "test-server")
    static final class TestServer implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        ServerConfig config;

        @Override
        public Integer call() {
            config = options.toConfig();
            return 0;
        }
    }

    private static ServerConfig config(String... args) {
        return CommandLine.populateCommand(new TestServer(), args).options.toConfig();
    }

    @Test
    void defaults() {
        ServerConfig config = config();
        assertEquals(Protocol.DEFAULT_PORT, config.port());
        assertEquals(2727, config.port());
        assertEquals(65_536, config.maxFrame());
        assertEquals(List.of(1L, 2L, 7L, 9L, 0L), config.list().values());
        assertArrayEquals(
                PickledList.pickle(Protocol.DEFAULT_LIST), config.list().pickle());
        assertEquals("0.0.0.0", config.host());
        assertEquals(30, config.idleTimeoutSeconds());
        assertEquals(10, config.graceSeconds());
        assertEquals(1024, config.backlog());
        assertFalse(config.quiet());
        assertEquals(List.of(1L, 2L, 7L, 9L, 0L), Pickles.unpickle(config.list().pickle()));
    }

    @Test
    void everyFlag() {
        ServerConfig config = config(
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--list",
                " 5, -3 ,9223372036854775807,-9223372036854775808",
                "--max-frame",
                "1",
                "--idle-timeout",
                "0",
                "--grace",
                "0",
                "--backlog",
                "1",
                "-q");
        assertEquals("127.0.0.1", config.host());
        assertEquals(0, config.port());
        assertEquals(
                List.of(5L, -3L, Long.MAX_VALUE, Long.MIN_VALUE), config.list().values());
        assertEquals(config.list().values(), Pickles.unpickle(config.list().pickle()));
        assertEquals(1, config.maxFrame());
        assertEquals(0, config.idleTimeoutSeconds());
        assertEquals(0, config.graceSeconds());
        assertEquals(1, config.backlog());
        assertTrue(config.quiet());
        assertEquals(65_535, config("--port", "65535").port());
        assertEquals(
                Protocol.MAX_FRAME_LIMIT,
                config("--max-frame", Integer.toString(Protocol.MAX_FRAME_LIMIT))
                        .maxFrame());
        assertEquals(List.of(), config("--list", "").list().values());
        assertTrue(config("--quiet").quiet());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--port       | 65536                | --port",
                "--port       | -1                   | --port",
                "--max-frame  | 0                    | --max-frame",
                "--max-frame  | 1073741825           | --max-frame",
                "--idle-timeout | -1                 | --idle-timeout",
                "--grace      | -5                   | --grace",
                "--backlog    | 0                    | --backlog",
                "--list       | 1,x,3                | 'x'",
                "--list       | '1,,2'               | --list",
                "--list       | 9223372036854775808  | 9223372036854775808",
                "--list       | '1, 2.5'             | '2.5'",
            })
    void badValueIsAUsageFailureNamingTheFlag(String flag, String value, String mentioned) {
        CommandFailure failure = assertThrows(CommandFailure.class, () -> config(flag, value));
        assertEquals(CommandFailure.USAGE, failure.status());
        assertEquals(2, failure.status());
        String sentence = failure.getMessage();
        assertTrue(sentence.startsWith(flag + " "), sentence);
        assertTrue(sentence.contains(mentioned), sentence);
        assertTrue(sentence.endsWith("."), "one sentence: " + sentence);
        assertFalse(sentence.contains("\n"), sentence);
    }

    @Test
    void commandLinesReportsOneSentenceAndStatus2() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            TestServer ok = new TestServer();
            assertEquals(0, CommandLines.execute(ok, "--port", "2728"));
            assertEquals(2728, ok.config.port());
            assertEquals(2, CommandLines.execute(new TestServer(), "--port", "70000"));
            assertEquals(2, CommandLines.execute(new TestServer(), "--list", "1,two"));
            assertEquals(2, CommandLines.execute(new TestServer(), "--port", "abc"));
            assertEquals(2, CommandLines.execute(new TestServer(), "--no-such-flag"));
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("--port must be between 0 and 65535, not 70000.", lines.get(0));
        assertEquals("--list must be comma-separated signed 64-bit integers, and 'two' is not one.", lines.get(1));
        assertTrue(
                lines.get(2).contains("--port")
                        && lines.get(2).contains("abc")
                        && lines.get(2).endsWith("Run with --help for usage."),
                lines.get(2));
        assertTrue(lines.get(3).contains("--no-such-flag"), lines.get(3));
    }
}
