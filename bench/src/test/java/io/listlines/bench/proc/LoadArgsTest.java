package io.listlines.bench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's command line: each flag as netty-client load spells it, and only when set. */
class LoadArgsTest {
    @Test
    void aHeldRunNamesItsSourcesAndRate() {
        assertEquals(
                List.of(
                        "--target",
                        "127.0.0.1:2727",
                        "--hold",
                        "--think",
                        "1000",
                        "--concurrency",
                        "19000",
                        "--rate",
                        "1995",
                        "--bind",
                        "127.0.0.2",
                        "--bind",
                        "127.0.0.3"),
                LoadArgs.against("127.0.0.1:2727")
                        .hold(1000)
                        .concurrency(19_000)
                        .rate(1995.2)
                        .bind(List.of("127.0.0.2", "127.0.0.3"))
                        .toList());
    }

    @Test
    void noRateAndNoWarmupLeaveTheirFlagsOut() {
        assertEquals(
                List.of("--target", "h:1", "--sessions", "0", "--no-progress"),
                LoadArgs.against("h:1")
                        .sessions(0)
                        .rate(0)
                        .warmup(0)
                        .noProgress()
                        .toList());
    }

    @Test
    void rawFramingIsNamedAndFramedLeftToTheDefault() {
        assertEquals(
                List.of("--target", "h:1", "--framing", "raw"),
                LoadArgs.against("h:1").framing("raw").toList());
        assertEquals(
                List.of("--target", "h:1"),
                LoadArgs.against("h:1").framing("framed").toList());
    }
}
