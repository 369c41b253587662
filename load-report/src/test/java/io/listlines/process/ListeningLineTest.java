package io.listlines.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListeningLineTest {
    @Test
    void findsTheAddressOfEveryServersLine() {
        assertEquals(
                Optional.of(new ListeningLine("127.0.0.1", 39156)),
                ListeningLine.find(
                        "10:38:43.589 INFO  Listening on 127.0.0.1:39156 (transport io_uring, 2 event-loop threads)"));
        assertEquals(
                Optional.of(new ListeningLine("0.0.0.0", 2727)),
                ListeningLine.find("Listening on 0.0.0.0:2727 (model pool of 2 threads)"));
        assertEquals(
                Optional.of(new ListeningLine("::", 2727)),
                ListeningLine.find("INFO  Listening on :::2727 (model virtual)"));
        assertEquals(Optional.of(new ListeningLine("localhost", 80)), ListeningLine.find("Listening on localhost:80"));
    }

    @Test
    void otherLinesAreNotIt() {
        assertEquals(Optional.empty(), ListeningLine.find("10:38:43.847 INFO  Received connection: 127.0.0.1:39156"));
        assertEquals(Optional.empty(), ListeningLine.find("Metrics on http://127.0.0.1:9100/metrics"));
        assertEquals(Optional.empty(), ListeningLine.find("Listening on 127.0.0.1:80x (x)"));
    }
}
