package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.allocationBound;
import static io.listlines.fuzz.FuzzSupport.anyByte;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.bytes;
import static io.listlines.fuzz.FuzzSupport.cumulation;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.FuzzSupport.split;
import static io.listlines.fuzz.FuzzSupport.weighted;
import static io.listlines.testing.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.FuzzSupport.Emitted;
import io.listlines.fuzz.FuzzSupport.Mutation;
import io.listlines.fuzz.FuzzSupport.RecordingAllocator;
import io.listlines.protocol.ProtocolException;
import io.listlines.protocol.Protocol;
import io.listlines.protocol.RawLineDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link RawLineDecoder} (raw framing, server side) against a model: whatever the bytes and
 * however they are split, it emits exactly the newline-terminated lines the model finds, none
 * longer than the maximum; fails only with a {@code line_too_long} {@link ProtocolException}, on the
 * read that brings the first line past the maximum without a newline, then drops everything; holds
 * and allocates no more than (about twice) what it was fed; never leaks.
 *
 * <p>Longer campaign: {@code -Dtest='RawLineDecoderFuzzTest' -Dlistlines.fuzz.tries=200000}
 * (see {@link FrameDecoderFuzzTest} for the whole command and {@link Fuzz}).
 */
@ExtendWith(Fuzz.class)
class RawLineDecoderFuzzTest {

    record Scenario(int maxLine, byte[] stream, List<Integer> reads, BufferKind kind) {
    }

    /** lines: {start, end} with end just after the '\n'; failAt: bytes needed to see the first overlong line. */
    record Model(List<int[]> lines, long failAt) {
        static Model of(int maxLine, byte[] stream) {
            List<int[]> lines = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int newline = -1;
                for (int i = pos; i < stream.length && i <= pos + maxLine; i++) {
                    if (stream[i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline >= 0) {
                    lines.add(new int[] {pos, newline + 1});
                    pos = newline + 1;
                } else if (stream.length - pos > maxLine) {
                    return new Model(lines, (long) pos + maxLine + 1);
                } else {
                    break;
                }
            }
            return new Model(lines, -1);
        }
    }

    static String check(Scenario s) {
        Model model = Model.of(s.maxLine(), s.stream());
        RawLineDecoder decoder = new RawLineDecoder(s.maxLine());
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.config().setAllocator(alloc);
        String label;
        boolean leftOver;
        try {
            long fed = 0;
            long consumed = 0;
            long mostBuffered = 0;
            int emitted = 0;
            boolean failed = false;
            for (byte[] read : split(s.stream(), s.reads())) {
                long bufferedBefore = failed ? 0 : fed - consumed;
                fed += read.length;
                Throwable thrown = FuzzSupport.feed(channel, s.kind(), read);
                boolean failsNow = !failed && model.failAt() >= 0 && model.failAt() <= fed;
                if (failsNow) {
                    ProtocolException e = assertInstanceOf(ProtocolException.class, thrown,
                            "the read that takes a line past the maximum must fail it");
                    assertEquals("line_too_long", e.kind());
                } else if (thrown != null) {
                    throw new AssertionError("unexpected failure after " + fed + " bytes", thrown);
                }

                for (Emitted line : FuzzSupport.drainEmitted(channel)) {
                    assertTrue(emitted < model.lines().size(), "more lines than the stream holds");
                    int[] expected = model.lines().get(emitted++);
                    assertTrue(expected[1] <= fed, "a line emitted before its newline arrived");
                    assertTrue(line.readable() <= s.maxLine() + 1 && line.capacity() <= s.maxLine() + 1,
                            "line of " + line.readable() + " bytes with its newline, over the maximum of " + s.maxLine());
                    assertArrayEquals(Arrays.copyOfRange(s.stream(), expected[0], expected[1]), line.bytes());
                    consumed = expected[1];
                }
                long fedSoFar = fed;
                assertEquals(model.lines().stream().filter(l -> l[1] <= fedSoFar).count(), emitted,
                        "every line complete after " + fed + " bytes is emitted");

                failed |= failsNow;
                mostBuffered = Math.max(mostBuffered, bufferedBefore + read.length);
                int largest = alloc.takeLargestRequest();
                assertTrue(largest <= allocationBound(mostBuffered),
                        "asked the allocator for " + largest + " bytes, never having held more than " + mostBuffered);
                ByteBuf held = cumulation(decoder);
                assertEquals(failed ? 0 : fed - consumed, held == null ? 0 : held.readableBytes(), "bytes held between reads");
                if (held != null) {
                    assertTrue(held.capacity() <= allocationBound(fed), "holds a buffer of " + held.capacity() + " having been fed " + fed);
                    assertTrue(held.readableBytes() <= s.maxLine(), "holds more than the maximum line between reads");
                }
            }
            channel.checkException();
            label = (failed ? "too long" : "no error") + (emitted > 0 ? ", lines" : ", no line");
        } finally {
            leftOver = channel.finishAndReleaseAll();
        }
        assertFalse(leftOver, "nothing left over at close");
        return label;
    }

    @Test
    void structuredStreamsDecodeAsTheModelSays() {
        Fuzz.forAll(1500, RawLineDecoderFuzzTest::structuredScenario, s -> Fuzz.collect(check(s)))
                .requireShare("too long, lines", 5)
                .requireShare("no error, lines", 20);
    }

    @Test
    void randomBytesDecodeAsTheModelSays() {
        Fuzz.forAll(1000, RawLineDecoderFuzzTest::randomScenario, s -> Fuzz.collect(check(s)));
    }

    /** Line contents (cut to fit), which of them end in CRLF rather than LF, and the reads. */
    record ValidLines(int maxLine, List<byte[]> contents, List<Boolean> crlf, List<Integer> reads, BufferKind kind) {
    }

    @Test
    void validLinesSplitAnywhereDecodeToExactlyThemselves() {
        Fuzz.forAll(1000, r -> new ValidLines(maxLine(r), listOf(r, 0, 12, g -> contents(g, 120)), listOf(r, 0, 12, RandomGenerator::nextBoolean),
                readSizes(r), oneOf(r, BufferKind.class)), RawLineDecoderFuzzTest::checkValidLines);
    }

    static void checkValidLines(ValidLines v) {
        int maxLine = v.maxLine();
        List<byte[]> contents = v.contents();
        List<Boolean> crlf = v.crlf();
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            boolean cr = i < crlf.size() && crlf.get(i) && maxLine >= 1;
            byte[] content = Arrays.copyOf(contents.get(i), Math.min(contents.get(i).length, maxLine - (cr ? 1 : 0)));
            lines.add(concat(content, cr ? new byte[] {'\r', '\n'} : new byte[] {'\n'}));
        }
        RawLineDecoder decoder = new RawLineDecoder(maxLine);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<byte[]> got = new ArrayList<>();
        ByteBuf held;
        try {
            for (byte[] read : split(concat(lines), v.reads())) {
                channel.writeInbound(FuzzSupport.buffer(v.kind(), read));
                FuzzSupport.drainEmitted(channel).forEach(e -> got.add(e.bytes()));
            }
            held = cumulation(decoder);
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
        assertEquals(lines.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(lines.get(i), got.get(i), "line " + i);
        }
        assertNull(held, "nothing held once the last line is complete");
    }

    // ---------------------------------------------------------------- generators

    static int maxLine(RandomGenerator r) {
        return switch (weighted(r, 6, 2, 1)) {
            case 0 -> between(r, 1, 48);
            case 1 -> between(r, 49, 300);
            default -> Protocol.DEFAULT_MAX_FRAME;
        };
    }

    /** Line contents without a newline (a CR may occur anywhere). */
    static byte[] contents(RandomGenerator r, int maxSize) {
        return bytes(r, 0, maxSize, g -> {
            byte b = anyByte(g);
            while (b == '\n') {
                b = anyByte(g);
            }
            return b;
        });
    }

    enum SegmentKind { LINE, CRLF_LINE, FULL_LINE, LONG_LINE, GARBAGE, NEWLINES }

    record Segment(SegmentKind kind, byte[] content, int count) {
        static Segment draw(RandomGenerator r) {
            SegmentKind kind = switch (weighted(r, 6, 2, 1, 1, 1, 1)) {
                case 0 -> SegmentKind.LINE;
                case 1 -> SegmentKind.CRLF_LINE;
                case 2 -> SegmentKind.FULL_LINE;
                case 3 -> SegmentKind.LONG_LINE;
                case 4 -> SegmentKind.GARBAGE;
                default -> SegmentKind.NEWLINES;
            };
            return new Segment(kind, contents(r, 200), between(r, 0, 20));
        }

        byte[] bytes(int maxLine) {
            byte[] fitting = Arrays.copyOf(content, Math.min(content.length, maxLine));
            return switch (kind) {
                case LINE -> concat(fitting, new byte[] {'\n'});
                case CRLF_LINE -> concat(Arrays.copyOf(fitting, Math.max(0, fitting.length - 1)), new byte[] {'\r', '\n'});
                case FULL_LINE -> {
                    byte[] line = new byte[Math.min(maxLine, 4096) + 1];
                    Arrays.fill(line, (byte) 'x');
                    line[line.length - 1] = '\n';
                    yield line;
                }
                case LONG_LINE -> {
                    byte[] line = new byte[Math.min(maxLine, 4096) + 1 + count];
                    Arrays.fill(line, (byte) 'y'); // no newline within the maximum
                    yield line;
                }
                case GARBAGE -> Arrays.copyOf(content, Math.min(content.length, 40));
                case NEWLINES -> {
                    byte[] newlines = new byte[1 + count % 5];
                    Arrays.fill(newlines, (byte) '\n');
                    yield newlines;
                }
            };
        }
    }

    static Scenario structuredScenario(RandomGenerator r) {
        int max = maxLine(r);
        List<Segment> segments = listOf(r, 0, 10, Segment::draw);
        List<Mutation> mutations = weighted(r, 2, 1) == 0 ? List.of() : FuzzSupport.mutations(r);
        byte[] stream = FuzzSupport.mutate(concat(segments.stream().map(seg -> seg.bytes(max)).toList()), mutations);
        return new Scenario(max, stream, readSizes(r), oneOf(r, BufferKind.class));
    }

    static Scenario randomScenario(RandomGenerator r) {
        int max = maxLine(r);
        // '\n' one byte in 16, so that random lines are short enough to end
        byte[] stream = bytes(r, 0, 600, g -> weighted(g, 15, 1) == 0 ? anyByte(g) : (byte) '\n');
        return new Scenario(max, stream, readSizes(r), oneOf(r, BufferKind.class));
    }
}
