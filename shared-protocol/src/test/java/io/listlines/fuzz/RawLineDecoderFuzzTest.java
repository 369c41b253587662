package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.allocationBound;
import static io.listlines.fuzz.FuzzSupport.concat;
import static io.listlines.fuzz.FuzzSupport.cumulation;
import static io.listlines.fuzz.FuzzSupport.hex;
import static io.listlines.fuzz.FuzzSupport.split;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@link RawLineDecoder} (raw framing, server side) against a model: whatever the bytes and
 * however they are split, it emits exactly the newline-terminated lines the model finds, none
 * longer than the maximum; fails only with a {@code line_too_long} {@link ProtocolException}, on the
 * read that brings the first line past the maximum without a newline, then drops everything; holds
 * and allocates no more than (about twice) what it was fed; never leaks.
 *
 * <p>Longer campaign: {@code -Dtest='RawLineDecoderFuzzTest' -Dlistlines.fuzz.tries=200000}
 * (see {@link FrameDecoderFuzzTest} for the whole command and {@link FuzzHooks}).
 */
@AddLifecycleHook(FuzzHooks.class)
class RawLineDecoderFuzzTest {

    record Scenario(int maxLine, byte[] stream, List<Integer> reads, BufferKind kind) {
        @Override
        public String toString() {
            return "maxLine=" + maxLine + " kind=" + kind + " reads=" + reads + " stream(" + stream.length + ")=" + hex(stream);
        }
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
                Throwable thrown = null;
                try {
                    channel.writeInbound(FuzzSupport.buffer(s.kind(), read));
                } catch (Throwable t) {
                    thrown = t;
                }
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

    @Property(tries = 1500)
    void structuredStreamsDecodeAsTheModelSays(@ForAll("structuredScenarios") Scenario s) {
        Statistics.collect(check(s));
        if (FuzzHooks.checksCoverage()) {
            Statistics.coverage(c -> {
                c.check("too long, lines").percentage(p -> p > 5);
                c.check("no error, lines").percentage(p -> p > 20);
            });
        }
    }

    @Property(tries = 1000)
    void randomBytesDecodeAsTheModelSays(@ForAll("randomScenarios") Scenario s) {
        Statistics.collect(check(s));
    }

    @Property(tries = 1000)
    void validLinesSplitAnywhereDecodeToExactlyThemselves(
            @ForAll("maxLines") int maxLine,
            @ForAll("lineLists") List<byte[]> contents,
            @ForAll("crlf") List<Boolean> crlf,
            @ForAll("readSizes") List<Integer> reads,
            @ForAll BufferKind kind) {
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
            for (byte[] read : split(concat(lines), reads)) {
                channel.writeInbound(FuzzSupport.buffer(kind, read));
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

    @Provide
    Arbitrary<Integer> maxLines() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 48)),
                Tuple.of(2, Arbitraries.integers().between(49, 300)),
                Tuple.of(1, Arbitraries.just(Protocol.DEFAULT_MAX_FRAME)));
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return FuzzSupport.readSizes();
    }

    @Provide
    Arbitrary<List<Boolean>> crlf() {
        return Arbitraries.of(true, false).list().ofMaxSize(12);
    }

    /** Line contents without a newline (a CR may occur anywhere). */
    static Arbitrary<byte[]> contents(int maxSize) {
        return Arbitraries.bytes().filter(b -> b != '\n').array(byte[].class).ofMaxSize(maxSize);
    }

    @Provide
    Arbitrary<List<byte[]>> lineLists() {
        return contents(120).list().ofMaxSize(12);
    }

    enum SegmentKind { LINE, CRLF_LINE, FULL_LINE, LONG_LINE, GARBAGE, NEWLINES }

    record Segment(SegmentKind kind, byte[] content, int count) {
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

    @Provide
    Arbitrary<Scenario> structuredScenarios() {
        Arbitrary<SegmentKind> kinds = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(SegmentKind.LINE)), Tuple.of(2, Arbitraries.just(SegmentKind.CRLF_LINE)),
                Tuple.of(1, Arbitraries.just(SegmentKind.FULL_LINE)), Tuple.of(1, Arbitraries.just(SegmentKind.LONG_LINE)),
                Tuple.of(1, Arbitraries.just(SegmentKind.GARBAGE)), Tuple.of(1, Arbitraries.just(SegmentKind.NEWLINES)));
        Arbitrary<List<Segment>> segments = Combinators.combine(kinds, contents(200), Arbitraries.integers().between(0, 20))
                .as(Segment::new).list().ofMaxSize(10);
        Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.<Mutation>of())), Tuple.of(1, FuzzSupport.mutations()));
        return Combinators.combine(maxLines(), segments, mutations, readSizes(), Arbitraries.of(BufferKind.class))
                .as((max, segs, muts, reads, kind) -> new Scenario(max,
                        FuzzSupport.mutate(concat(segs.stream().map(seg -> seg.bytes(max)).toList()), muts), reads, kind));
    }

    @Provide
    Arbitrary<Scenario> randomScenarios() {
        // '\n' one byte in 16, so that random lines are short enough to end
        Arbitrary<Byte> bytes = Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.bytes()), Tuple.of(1, Arbitraries.just((byte) '\n')));
        return Combinators.combine(maxLines(), bytes.array(byte[].class).ofMaxSize(600), readSizes(), Arbitraries.of(BufferKind.class))
                .as(Scenario::new);
    }
}
