package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.Streams.maxFrame;
import static io.listlines.fuzz.Streams.payload;
import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.Streams.Model;
import io.listlines.fuzz.Streams.Scenario;
import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Protocol;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link FrameDecoder} on an {@link EmbeddedChannel} against a model of docs/PROTOCOL.md's framing
 * ({@link Streams.Model#framed}, checked read by read by the {@link DecoderHarness}):
 * whatever the bytes and however they are split into reads, the decoder emits exactly the frames
 * the model finds, each at most the maximum; fails only with {@link FrameTooLongException}, exactly
 * on the read that completes an oversized prefix, then drops everything; never holds or allocates
 * more than (about twice) the bytes it was fed, whatever length was announced; never leaks.
 *
 * <p>CI runs a few thousand tries in a few seconds, from a fixed seed. A longer campaign (any of
 * the fuzz classes, or all of them with {@code -Dtest='*Fuzz*'}), from a fresh seed:
 * <pre>
 * mvn verify -pl shared-protocol -am -Dtest='FrameDecoderFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dlistlines.fuzz.tries=200000 -Dlistlines.fuzz.seed=random
 * </pre>
 * A failure prints the seed of the failing try and the options that replay it (see {@link Fuzz}).
 */
@ExtendWith(Fuzz.class)
class FrameDecoderFuzzTest {

    /** Feeds the scenario read by read and checks every step against the framed model; returns a label for statistics. */
    static String check(Scenario s) {
        Model model = Model.framed(s.max(), s.stream());
        DecoderHarness.Rules rules =
                new DecoderHarness.Rules("frame", s.max(), Protocol.LENGTH_FIELD_BYTES + s.max() - 1L, thrown -> {
                    FrameTooLongException e = assertInstanceOf(
                            FrameTooLongException.class,
                            thrown,
                            "an oversized prefix completed by this read must fail it");
                    assertTrue(e.getMessage().contains("frame of " + model.announced() + " bytes"), e.getMessage());
                    assertEquals(FrameTooLongException.kind(model.announced()), e.kind());
                });
        return DecoderHarness.check(s, model, new FrameDecoder(s.max()), rules);
    }

    // ---------------------------------------------------------------- properties

    @Test
    void structuredStreamsDecodeAsTheModelSays() {
        Fuzz.forAll(1500, Streams::framedStructured, s -> Fuzz.collect(check(s)))
                .requireShare("too long, frames", 5)
                .requireShare("no error, frames", 10);
    }

    @Test
    void randomBytesDecodeAsTheModelSays() {
        Fuzz.forAll(1000, Streams::framedRandom, s -> Fuzz.collect(check(s)));
    }

    /** Valid frames (payloads cut to the maximum) in reads of the given sizes. */
    record Frames(int maxFrame, List<byte[]> payloads, List<Integer> reads, BufferKind kind) {}

    @Test
    void validFramesSplitAnywhereDecodeToExactlyTheirPayloads() {
        Fuzz.forAll(
                1000,
                r -> new Frames(
                        maxFrame(r), listOf(r, 0, 10, g -> payload(g, 200)), readSizes(r), oneOf(r, BufferKind.class)),
                FrameDecoderFuzzTest::checkValidFrames);
    }

    static void checkValidFrames(Frames f) {
        int maxFrame = f.maxFrame();
        List<byte[]> fitting = f.payloads().stream()
                .map(p -> Arrays.copyOf(p, Math.min(p.length, maxFrame)))
                .toList();
        byte[] stream = concat(fitting.stream().map(p -> frame(p)).toList());
        DecoderHarness.assertEmitsExactly(new FrameDecoder(maxFrame), "frame", stream, fitting, f.reads(), f.kind());
    }

    @Test
    void theLeakCheckIsArmed() throws InterruptedException {
        FuzzSupport.assertLeakCheckSeesADroppedBuffer();
    }
}
