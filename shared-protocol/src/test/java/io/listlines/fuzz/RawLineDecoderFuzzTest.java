package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.Streams.contents;
import static io.listlines.fuzz.Streams.maxLine;
import static io.listlines.testing.Frames.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.Streams.Model;
import io.listlines.fuzz.Streams.Scenario;
import io.listlines.protocol.ProtocolException;
import io.listlines.protocol.RawLineDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link RawLineDecoder} (raw framing, server side) against a model ({@link Streams.Model#raw},
 * checked read by read by the {@link DecoderHarness}): whatever the bytes and
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

    /** Feeds the scenario read by read and checks every step against the raw model; returns a label for statistics. */
    static String check(Scenario s) {
        DecoderHarness.Rules rules = new DecoderHarness.Rules("line", s.max() + 1, s.max(), thrown -> {
            ProtocolException e = assertInstanceOf(
                    ProtocolException.class, thrown, "the read that takes a line past the maximum must fail it");
            assertEquals("line_too_long", e.kind());
        });
        return DecoderHarness.check(s, Model.raw(s.max(), s.stream()), new RawLineDecoder(s.max()), rules);
    }

    @Test
    void structuredStreamsDecodeAsTheModelSays() {
        Fuzz.forAll(1500, Streams::rawStructured, s -> Fuzz.collect(check(s)))
                .requireShare("too long, lines", 5)
                .requireShare("no error, lines", 20);
    }

    @Test
    void randomBytesDecodeAsTheModelSays() {
        Fuzz.forAll(1000, Streams::rawRandom, s -> Fuzz.collect(check(s)));
    }

    /** Line contents (cut to fit), which of them end in CRLF rather than LF, and the reads. */
    record ValidLines(int maxLine, List<byte[]> contents, List<Boolean> crlf, List<Integer> reads, BufferKind kind) {}

    @Test
    void validLinesSplitAnywhereDecodeToExactlyThemselves() {
        Fuzz.forAll(
                1000,
                r -> new ValidLines(
                        maxLine(r),
                        listOf(r, 0, 12, g -> contents(g, 120)),
                        listOf(r, 0, 12, RandomGenerator::nextBoolean),
                        readSizes(r),
                        oneOf(r, BufferKind.class)),
                RawLineDecoderFuzzTest::checkValidLines);
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
        DecoderHarness.assertEmitsExactly(
                new RawLineDecoder(maxLine), "line", concat(lines), lines, v.reads(), v.kind());
    }
}
