package io.listlines.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Protocol;
import io.listlines.protocol.ProtocolException;
import io.netty.handler.codec.DecoderException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServerSessionTest {
    private static final String PEER = "127.0.0.1:1";
    private static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.0.1", 1);

    private final Logger sessionLogger = (Logger) LoggerFactory.getLogger("io.listlines.session");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = sessionLogger.getLevel();
        sessionLogger.setLevel(Level.INFO);
        appender.start();
        sessionLogger.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        sessionLogger.detachAppender(appender);
        sessionLogger.setLevel(previousLevel);
    }

    private List<String> logged() {
        return appender.list.stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    private static ServerSession open() {
        return new Sessions(30, new SessionLogger(false)).open(PEER_ADDRESS);
    }

    @Test
    void tenLinesCompleteTheSessionAndLaterLinesAreIgnored() {
        ServerSession session = open();
        assertEquals(PEER, session.peer());
        assertEquals(ServerSession.Outcome.INCOMPLETE, session.outcome());
        assertEquals("incomplete 0/10", session.describeOutcome());
        for (int i = 0; i < 9; i++) {
            assertFalse(session.line(Protocol.clientLine(i)), "line " + i);
            assertFalse(session.isComplete());
            assertEquals(i + 1, session.linesRead());
        }
        assertTrue(session.line(Protocol.clientLine(9)), "the tenth line completes the session");
        assertTrue(session.isComplete());
        assertEquals(10, session.linesRead());
        assertTrue(session.line("eleventh"));
        assertEquals(10, session.linesRead());
        // Nothing counts after completion: not an error, not an I/O failure, not idleness.
        session.failed(new ProtocolException("late"));
        session.failed(new IOException("reset"));
        session.idle();
        assertEquals(ServerSession.Outcome.COMPLETE, session.outcome());
        assertEquals("complete", session.describeOutcome());
        session.closed();
        List<String> log = logged();
        assertEquals("INFO Received connection: " + PEER, log.get(0));
        assertEquals("INFO " + PEER + ": Hey. 0", log.get(1));
        assertEquals("INFO " + PEER + ": Hey. 9", log.get(10));
        assertEquals("INFO Closed connection: " + PEER + " (complete)", log.get(11));
        assertEquals(12, log.size(), "the eleventh line is not logged: " + log);
    }

    @Test
    void protocolErrorIsAnError() {
        ServerSession session = open();
        session.line("Hey. 0");
        session.line("Hey. 1");
        session.line("Hey. 2");
        session.failed(new ProtocolException("x"));
        assertEquals(ServerSession.Outcome.ERROR, session.outcome());
        assertEquals("error: x", session.describeOutcome());
        // Lines after the error do not count.
        assertFalse(session.line("Hey. 3"));
        assertEquals(3, session.linesRead());
        session.closed();
        assertTrue(logged().contains("WARN Closed connection: " + PEER + " (error: x)"), logged().toString());
    }

    @Test
    void protocolErrorIsFoundInsideWrappers() {
        ServerSession session = open();
        session.failed(new DecoderException(new RuntimeException(new FrameTooLongException(0xFFFF_FFFFL, 65_536))));
        assertEquals(ServerSession.Outcome.ERROR, session.outcome());
        assertEquals(
                "error: frame of 4294967295 bytes announced, over the maximum of 65536", session.describeOutcome());

        ServerSession other = open();
        other.failed(new IllegalStateException("boom"));
        assertEquals(ServerSession.Outcome.ERROR, other.outcome());
        assertTrue(other.describeOutcome().startsWith("error: "), other.describeOutcome());
        assertTrue(other.describeOutcome().contains("boom"), other.describeOutcome());
    }

    @Test
    void ioFailureLeavesTheSessionIncomplete() {
        ServerSession session = open();
        for (int i = 0; i < 4; i++) {
            session.line(Protocol.clientLine(i));
        }
        session.failed(new IOException("Connection reset by peer"));
        assertEquals(ServerSession.Outcome.INCOMPLETE, session.outcome());
        assertEquals("incomplete 4/10", session.describeOutcome());

        ServerSession eof = open();
        eof.line("Hey. 0");
        eof.failed(new EOFException("end of stream in the middle of a frame"));
        eof.failed(new DecoderException(new SocketException("Connection reset")));
        assertEquals("incomplete 1/10", eof.describeOutcome());
        eof.closed();
        assertTrue(logged().contains("INFO Closed connection: " + PEER + " (incomplete 1/10)"), logged().toString());
    }

    @Test
    void socketTimeoutAndIdleAreErrorsMentioningIdleness() {
        ServerSession timedOut = open();
        timedOut.line("Hey. 0");
        timedOut.failed(new SocketTimeoutException("Read timed out"));
        assertEquals(ServerSession.Outcome.ERROR, timedOut.outcome());
        assertTrue(timedOut.describeOutcome().startsWith("error: "), timedOut.describeOutcome());
        assertTrue(timedOut.describeOutcome().contains("idle"), timedOut.describeOutcome());
        assertTrue(timedOut.describeOutcome().contains("30"), timedOut.describeOutcome());

        ServerSession idle = new Sessions(7, new SessionLogger(false)).open(PEER_ADDRESS);
        idle.idle();
        assertEquals(ServerSession.Outcome.ERROR, idle.outcome());
        assertTrue(idle.describeOutcome().contains("idle"), idle.describeOutcome());
        assertTrue(idle.describeOutcome().contains("7"), idle.describeOutcome());
        assertEquals(0, idle.linesRead());
    }

    @Test
    void causeCycleDoesNotHang() {
        IOException a = new IOException("a");
        RuntimeException b = new RuntimeException("b");
        a.initCause(b);
        b.initCause(a);
        ServerSession session = open();
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> session.failed(a));
        assertTrue(
                session.describeOutcome().startsWith("error: ")
                        || session.describeOutcome().startsWith("incomplete "),
                session.describeOutcome());
    }

    @Test
    void theFirstReasonWins() {
        ServerSession session = open();
        session.failed(new ProtocolException("first"));
        session.failed(new ProtocolException("second"));
        session.idle();
        session.failed(new SocketTimeoutException());
        assertEquals("error: first", session.describeOutcome());

        ServerSession idleFirst = open();
        idleFirst.idle();
        String idleReason = idleFirst.describeOutcome();
        idleFirst.failed(new ProtocolException("second"));
        assertEquals(idleReason, idleFirst.describeOutcome());

        ServerSession errorThenIo = open();
        errorThenIo.failed(new ProtocolException("first"));
        errorThenIo.failed(new IOException("reset"));
        assertEquals("error: first", errorThenIo.describeOutcome());
    }

    @Test
    void closedLogsOnce() {
        ServerSession session = open();
        session.line("Hey. 0");
        session.closed();
        session.closed();
        session.closed();
        long closings =
                logged().stream().filter(l -> l.contains("Closed connection: ")).count();
        assertEquals(1, closings, logged().toString());
        assertEquals("INFO Closed connection: " + PEER + " (incomplete 1/10)", logged().get(logged().size() - 1));
    }

    @Test
    void logLinesCannotBeForgedAndQuietLogsOnlyErrors() {
        ServerSession session = open();
        session.line("Hey.\nClosed connection: 10.0.0.1:5 (complete)");
        assertTrue(
                logged().contains("INFO " + PEER + ": Hey.\\nClosed connection: 10.0.0.1:5 (complete)"),
                logged().toString());

        appender.list.clear();
        Sessions quiet = new Sessions(30, new SessionLogger(true));
        ServerSession ok = quiet.open(new InetSocketAddress("10.0.0.1", 2));
        for (int i = 0; i < 10; i++) {
            ok.line(Protocol.clientLine(i));
        }
        ok.closed();
        ServerSession bad = quiet.open(new InetSocketAddress("10.0.0.1", 3));
        bad.failed(new ProtocolException("line is not valid UTF-8"));
        bad.closed();
        assertEquals(List.of("WARN Closed connection: 10.0.0.1:3 (error: line is not valid UTF-8)"), logged());
    }

    @Test
    void anInternalErrorIsLoggedOnceWithItsStackTrace() {
        ServerSession session = open();
        session.failed(new IllegalStateException("a bug"));
        session.closed();
        ILoggingEvent closing = appender.list.get(appender.list.size() - 1);
        assertEquals(
                "Closed connection: " + PEER + " (error: java.lang.IllegalStateException: a bug)",
                closing.getFormattedMessage());
        assertEquals("a bug", closing.getThrowableProxy().getMessage());
        assertEquals("internal", session.errorKind());

        ServerSession peerError = open();
        peerError.failed(new ProtocolException("x"));
        peerError.closed();
        assertEquals(
                null,
                appender.list.get(appender.list.size() - 1).getThrowableProxy(),
                "a peer's error has no stack trace");
    }

    @Test
    void everyListenerHearsEachEventAndTheCountersFollow() {
        List<String> heard = new ArrayList<>();
        SessionListener recorder = new SessionListener() {
            @Override
            public void opened(ServerSession session) {
                heard.add("opened");
            }

            @Override
            public void line(ServerSession session, String line) {
                heard.add(line);
            }

            @Override
            public void closed(ServerSession session) {
                heard.add("closed " + session.describeOutcome());
            }
        };
        ServerStats stats = new ServerStats();
        Admission admission = new Admission(stats, 1, 0);
        Sessions sessions = new Sessions(30, stats, recorder);
        assertTrue(admission.admit(PEER_ADDRESS));
        assertFalse(admission.admit(PEER_ADDRESS), "over --max-connections 1");
        ServerSession session = sessions.open(PEER_ADDRESS);
        session.line("Hey. 0");
        session.failed(new ProtocolException("frame_too_long", "too long"));
        session.line("ignored after the error");
        session.closed();
        session.closed();
        assertEquals(List.of("opened", "Hey. 0", "closed error: too long"), heard);
        assertEquals(2, stats.accepted(), "refused connections count as accepted too");
        assertEquals(1, stats.rejected());
        assertEquals(0, stats.open());
        assertEquals(1, stats.lines());
        assertEquals(Map.of("frame_too_long", 1L), stats.errors());
        assertTrue(admission.admit(PEER_ADDRESS), "room again once the session closed");
    }
}
