package io.listlines.server;

import static io.listlines.fuzz.FuzzSupport.anyLong;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.bytes;
import static io.listlines.fuzz.FuzzSupport.isStrictUtf8;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.FuzzSupport.split;
import static io.listlines.fuzz.FuzzSupport.stripLineEnd;
import static io.listlines.fuzz.FuzzSupport.unicodeString;
import static io.listlines.fuzz.FuzzSupport.utf8;
import static io.listlines.fuzz.FuzzSupport.weighted;
import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.listlines.core.ServerConfig;
import io.listlines.core.ServerStats;
import io.listlines.fuzz.Fuzz;
import io.listlines.fuzz.FuzzSupport;
import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.FuzzSupport.Mutation;
import io.listlines.fuzz.Streams.Model;
import io.listlines.fuzz.Streams.Unit;
import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import io.listlines.testing.ServerConfigBuilder;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the whole server pipeline ({@link ServerInitializer}: either framing's codecs,
 * {@link SessionHandler}) on an {@link EmbeddedChannel}, in both framings, with random and mutated
 * inbound bytes split into random reads, and sometimes an idle timeout (the {@link IdleSweep} on the channel's mock clock). Nothing ever escapes
 * {@code writeInbound} or {@code checkException} (the session handler ends the connection on every
 * error); the server sends the list and nothing else; after each read the channel is open exactly
 * when a model of docs/PROTOCOL.md says the session goes on, and the {@link ServerStats} count exactly
 * the lines the model reads; once closed, the session is recorded once with the model's outcome
 * (complete, incomplete, or the error's kind), no connection stays open in the stats or in the
 * channel group, and no buffer leaks. A valid session (ten lines) split anyhow always ends complete.
 *
 * <p>CI runs 1,500 sessions from a fixed seed, in a few seconds. A longer campaign, from a fresh seed:
 * <pre>
 * mvn verify -pl shared-protocol,netty-server -am -Dtest='ServerPipelineFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlistlines.fuzz.tries=100000 -Dlistlines.fuzz.seed=random
 * </pre>
 * A failure prints the seed of the failing try and the options that replay it (see {@link Fuzz}).
 */
@ExtendWith(Fuzz.class)
class ServerPipelineFuzzTest {
    private static final Logger SESSION_LOG = (Logger) LoggerFactory.getLogger("io.listlines.session");
    private static Level previousLevel;

    @BeforeAll
    static void setUp() {
        // thousands of sessions end in errors here, each a WARN line: keep the build log readable
        previousLevel = SESSION_LOG.getLevel();
        SESSION_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void tearDown() {
        SESSION_LOG.setLevel(previousLevel);
    }

    record Scenario(
            Framing framing,
            int maxFrame,
            int idleTimeout,
            byte[] stream,
            List<Integer> reads,
            BufferKind kind,
            int idleAfterRead) {}

    // ---------------------------------------------------------------- the model

    /** Something the server reads, complete once {@code end} bytes have arrived: a line, or the error that ends the session. */
    record Event(long end, String error) {}

    /**
     * The lines and the first framing error of a stream, in order, by docs/PROTOCOL.md (the fuzz
     * kit's {@link Model}); validity judged without {@code Lines}.
     */
    static List<Event> events(Framing framing, int max, byte[] stream) {
        Model model = Model.of(framing, max, stream);
        List<Event> events = new ArrayList<>();
        for (Unit unit : model.units()) {
            byte[] line = Arrays.copyOfRange(stream, unit.from(), unit.to());
            events.add(new Event(unit.to(), isStrictUtf8(stripLineEnd(line)) ? null : "invalid_utf8"));
        }
        if (model.failAt() >= 0) {
            events.add(new Event(
                    model.failAt(),
                    framing == Framing.FRAMED ? FrameTooLongException.kind(model.announced()) : "line_too_long"));
        }
        return events;
    }

    /** Where the session stands once {@code fed} bytes have been read: its outcome if it ended, and the lines read. */
    record State(String ended, int lines) {
        static State after(List<Event> events, long fed) {
            int lines = 0;
            for (Event e : events) {
                if (e.end() > fed) {
                    break;
                }
                if (e.error() != null) {
                    return new State(e.error(), lines);
                }
                if (++lines == Protocol.LINES_PER_SESSION) {
                    return new State("complete", lines);
                }
            }
            return new State(null, lines);
        }
    }

    static ServerConfig config(Scenario s) {
        return new ServerConfigBuilder()
                .maxFrame(s.maxFrame())
                .idleTimeoutSeconds(s.idleTimeout())
                .quiet(true)
                .framing(s.framing())
                .build();
    }

    /** Runs one session; returns its outcome. */
    static String check(Scenario s) {
        ServerConfig config = config(s);
        ServerParts server = ServerParts.of(config);
        ServerStats stats = server.stats();
        ChannelGroup group = server.channels();
        List<Event> events = events(s.framing(), s.maxFrame(), s.stream());
        EmbeddedChannel channel = new EmbeddedChannel(server.initializer());
        State state = new State(null, 0);
        try {
            byte[] list = config.list().pickle();
            assertArrayEquals(
                    s.framing() == Framing.FRAMED ? frame(list) : list,
                    FuzzSupport.drainOutbound(channel),
                    "the list, first");
            assertEquals(1, stats.open());
            assertEquals(1, group.size());
            long fed = 0;
            List<byte[]> reads = split(s.stream(), s.reads());
            for (int i = 0; i < reads.size() && channel.isOpen(); i++) {
                fed += reads.get(i).length;
                try {
                    channel.writeInbound(FuzzSupport.buffer(s.kind(), reads.get(i)));
                    channel.checkException();
                } catch (Throwable t) {
                    throw new AssertionError("the pipeline let an exception out after " + fed + " bytes", t);
                }
                FuzzSupport.drainInbound(channel).forEach(ReferenceCountUtil::release);
                state = State.after(events, fed);
                if (state.ended() == null && i == s.idleAfterRead() && s.idleTimeout() > 0) {
                    channel.advanceTimeBy(s.idleTimeout() + 1, TimeUnit.SECONDS);
                    channel.runScheduledPendingTasks();
                    channel.checkException();
                    state = new State("idle_timeout", state.lines());
                }
                assertEquals(
                        state.ended() == null,
                        channel.isOpen(),
                        "open while the session goes on, after " + fed + " bytes");
                assertEquals(state.lines(), stats.lines(), "lines read after " + fed + " bytes");
                assertEquals(0, FuzzSupport.drainOutbound(channel).length, "nothing sent but the list");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        channel.checkException();

        String outcome = state.ended() == null ? "incomplete" : state.ended();
        assertEquals(0, stats.open(), "no connection left open");
        assertEquals(1, stats.accepted());
        assertEquals(1, stats.complete() + stats.incomplete() + stats.errorTotal(), "the session is recorded once");
        assertEquals(outcome.equals("complete") ? 1 : 0, stats.complete(), "complete");
        assertEquals(outcome.equals("incomplete") ? 1 : 0, stats.incomplete(), "incomplete");
        Map<String, Long> errors =
                outcome.equals("complete") || outcome.equals("incomplete") ? Map.of() : Map.of(outcome, 1L);
        assertEquals(errors, stats.errors(), "errors by kind");
        assertEquals(state.lines(), stats.lines(), "lines read");
        assertTrue(group.isEmpty(), "a closed channel leaves the group");
        return outcome;
    }

    // ---------------------------------------------------------------- properties

    @Test
    void anyInboundBytesEndTheSessionAsTheModelSays() {
        Fuzz.forAll(1000, ServerPipelineFuzzTest::scenario, s -> {
                    Fuzz.collect("outcome", check(s));
                    Fuzz.collect("framing", s.framing());
                })
                .requireShare("outcome", "complete", 3)
                .requireShare("outcome", "incomplete", 10)
                .requireShare("outcome", "invalid_utf8", 3)
                .requireShare("outcome", "frame_too_long", 3)
                .requireShare("outcome", "line_too_long", 1)
                .requireShare("outcome", "idle_timeout", 1);
    }

    /** Ten valid lines, their line ends, bytes after them, and the reads they arrive in. */
    record Session(
            Framing framing,
            List<String> lines,
            List<String> ends,
            byte[] trailing,
            List<Integer> reads,
            BufferKind kind) {
        static Session draw(RandomGenerator r) {
            return new Session(
                    oneOf(r, Framing.class),
                    listOf(r, Protocol.LINES_PER_SESSION, Protocol.LINES_PER_SESSION, g -> unicodeString(g, 20)),
                    listOf(r, Protocol.LINES_PER_SESSION, Protocol.LINES_PER_SESSION, g -> oneOf(g, "", "\n", "\r\n")),
                    ServerPipelineFuzzTest.trailing(r),
                    readSizes(r),
                    oneOf(r, BufferKind.class));
        }
    }

    @Test
    void tenValidLinesSplitAnyhowAlwaysComplete() {
        Fuzz.forAll(500, Session::draw, t -> {
            Framing framing = t.framing();
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < t.lines().size(); i++) {
                String line = framing == Framing.RAW
                        ? t.lines().get(i).replace('\n', ' ')
                        : t.lines().get(i);
                String end = framing == Framing.RAW
                        ? (t.ends().get(i).isEmpty() ? "\n" : t.ends().get(i))
                        : t.ends().get(i);
                byte[] payload = utf8(line + end);
                wire.add(framing == Framing.FRAMED ? frame(payload) : payload);
            }
            byte[] stream = concat(concat(wire), t.trailing());
            Scenario s = new Scenario(framing, Protocol.DEFAULT_MAX_FRAME, 30, stream, t.reads(), t.kind(), -1);
            assertEquals("complete", check(s), Fuzz.show(s));
        });
    }

    // ---------------------------------------------------------------- generators

    static byte[] trailing(RandomGenerator r) {
        return switch (weighted(r, 2, 1, 1)) {
            case 0 -> new byte[0];
            case 1 -> bytes(r, 0, 30);
            default -> concat(prefix(0xFFFF_FFFFL), new byte[] {1, 2, 3});
        };
    }

    /** What a drawn {@link Segment} puts on the wire; drawn by the weights of {@link Segment#draw}, in this order. */
    enum SegmentKind {
        LINE,
        BAD_UTF8_LINE,
        EMPTY_LINE,
        OVERSIZED,
        LONG_LINE,
        GARBAGE,
        HTTP,
        PARTIAL
    }

    record Segment(SegmentKind kind, String text, byte[] bytes, long value) {
        static Segment draw(RandomGenerator r) {
            SegmentKind kind = weighted(r, SegmentKind.class, 24, 1, 2, 1, 1, 1, 1, 1);
            return new Segment(kind, unicodeString(r, 12), FuzzSupport.bytes(r, 0, 24), anyLong(r));
        }

        static Segment goodLine(RandomGenerator r) {
            return new Segment(SegmentKind.LINE, unicodeString(r, 12), new byte[0], anyLong(r));
        }

        byte[] wire(Framing framing, int max) {
            boolean framed = framing == Framing.FRAMED;
            return switch (kind) {
                case LINE -> {
                    String line = framed ? text : text.replace('\n', ' ') + (value % 2 == 0 ? "\n" : "\r\n");
                    yield framed ? frame(fit(utf8(line), max)) : utf8(line);
                }
                case BAD_UTF8_LINE -> {
                    byte[] bad = concat(utf8(text.replace('\n', ' ')), new byte[] {(byte) (0x80 | (value & 0x7f))});
                    yield framed ? frame(fit(bad, max)) : concat(bad, new byte[] {'\n'});
                }
                case EMPTY_LINE -> framed ? frame(new byte[0]) : new byte[] {'\n'};
                case OVERSIZED -> framed ? prefix(max + 1 + Math.floorMod(value, 0xffffffffL - max)) : longLine(max);
                case LONG_LINE -> framed ? prefix(0xffffffffL) : longLine(max);
                case GARBAGE -> bytes;
                case HTTP -> "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                case PARTIAL -> {
                    byte[] line = framed ? frame(fit(utf8(text), max)) : utf8(text.replace('\n', ' '));
                    yield Arrays.copyOf(line, (int) Math.floorMod(value, (long) line.length + 1));
                }
            };
        }

        private static byte[] fit(byte[] payload, int max) {
            return Arrays.copyOf(payload, Math.min(payload.length, max));
        }

        private static byte[] longLine(int max) {
            byte[] line = new byte[Math.min(max, 70_000) + 1];
            Arrays.fill(line, (byte) 'z');
            return line;
        }
    }

    static Scenario scenario(RandomGenerator r) {
        Framing framing = oneOf(r, Framing.class);
        int max = weighted(r, 1, 3) == 0 ? between(r, 1, 64) : Protocol.DEFAULT_MAX_FRAME;
        int idle = oneOf(r, 0, 30);
        // a run of good lines (often enough for a whole session), then anything
        List<Segment> segments = new ArrayList<>(listOf(r, 0, 12, Segment::goodLine));
        segments.addAll(listOf(r, 0, 10, Segment::draw));
        List<Mutation> mutations = weighted(r, 3, 1) == 0 ? List.of() : FuzzSupport.mutations(r);
        byte[] stream = FuzzSupport.mutate(
                concat(segments.stream().map(seg -> seg.wire(framing, max)).toList()), mutations);
        int idleAfterRead = weighted(r, 5, 1) == 0 ? -1 : between(r, 0, 12);
        return new Scenario(framing, max, idle, stream, readSizes(r), oneOf(r, BufferKind.class), idleAfterRead);
    }
}
