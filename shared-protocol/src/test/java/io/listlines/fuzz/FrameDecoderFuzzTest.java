package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.allocationBound;
import static io.listlines.fuzz.FuzzSupport.anyLong;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.bytes;
import static io.listlines.fuzz.FuzzSupport.cumulation;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.FuzzSupport.split;
import static io.listlines.fuzz.FuzzSupport.weighted;
import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;
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
import io.listlines.protocol.FrameDecoder;
import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link FrameDecoder} on an {@link EmbeddedChannel} against a model of PROTOCOL.md's framing:
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

    /** A stream fed to a decoder with maximum {@code maxFrame}, in reads of the given sizes. */
    record Scenario(int maxFrame, byte[] stream, List<Integer> reads, BufferKind kind) {
    }

    // ---------------------------------------------------------------- the model

    /** Where each frame ends, and where (if anywhere) an oversized prefix is complete. */
    record Model(List<int[]> frames, long failAt, long announced) {
        /** frames: {payloadStart, payloadLength, end} */
        static Model of(int maxFrame, byte[] stream) {
            List<int[]> frames = new ArrayList<>();
            int pos = 0;
            while (pos + 4 <= stream.length) {
                long length = ((stream[pos] & 0xffL) << 24) | ((stream[pos + 1] & 0xff) << 16)
                        | ((stream[pos + 2] & 0xff) << 8) | (stream[pos + 3] & 0xff);
                if (length > maxFrame) {
                    return new Model(frames, pos + 4, length);
                }
                if (pos + 4 + length > stream.length) {
                    break;
                }
                frames.add(new int[] {pos + 4, (int) length, pos + 4 + (int) length});
                pos += 4 + (int) length;
            }
            return new Model(frames, -1, -1);
        }
    }

    /** Feeds the scenario read by read and checks every step against the model; returns a label for statistics. */
    static String check(Scenario s) {
        Model model = Model.of(s.maxFrame(), s.stream());
        FrameDecoder decoder = new FrameDecoder(s.maxFrame());
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
                    FrameTooLongException e = assertInstanceOf(FrameTooLongException.class, thrown,
                            "an oversized prefix completed by this read must fail it");
                    assertTrue(e.getMessage().contains("frame of " + model.announced() + " bytes"), e.getMessage());
                    assertEquals("frame_too_long", e.kind());
                } else if (thrown != null) {
                    throw new AssertionError("unexpected failure after " + fed + " bytes", thrown);
                }

                for (Emitted payload : FuzzSupport.drainEmitted(channel)) {
                    assertTrue(emitted < model.frames().size(), "more frames than the stream holds");
                    int[] expected = model.frames().get(emitted++);
                    assertTrue(expected[2] <= fed, "a frame emitted before its last byte arrived");
                    assertTrue(payload.readable() <= s.maxFrame() && payload.capacity() <= s.maxFrame(),
                            "payload of " + payload.readable() + " (capacity " + payload.capacity() + ") over the maximum");
                    assertArrayEquals(Arrays.copyOfRange(s.stream(), expected[0], expected[0] + expected[1]), payload.bytes());
                    consumed = expected[2];
                }
                long fedSoFar = fed;
                long complete = model.frames().stream().filter(f -> f[2] <= fedSoFar).count();
                assertEquals(complete, emitted, "every frame complete after " + fed + " bytes is emitted");

                failed |= failsNow;
                mostBuffered = Math.max(mostBuffered, bufferedBefore + read.length);
                long bound = allocationBound(mostBuffered);
                int largest = alloc.takeLargestRequest();
                assertTrue(largest <= bound, "asked the allocator for " + largest + " bytes, never having held more than " + mostBuffered);
                ByteBuf held = cumulation(decoder);
                long expectHeld = failed ? 0 : fed - consumed;
                assertEquals(expectHeld, held == null ? 0 : held.readableBytes(), "bytes held between reads");
                if (held != null) {
                    // grown in place, a buffer keeps room for the bytes already read until Netty discards them
                    assertTrue(held.capacity() <= allocationBound(fed), "holds a buffer of " + held.capacity() + " having been fed " + fed);
                    assertTrue(held.readableBytes() < Protocol.LENGTH_FIELD_BYTES + (long) s.maxFrame(), "holds more than a frame between reads");
                }
            }
            channel.checkException();
            label = (failed ? "too long" : "no error") + (emitted > 0 ? ", frames" : ", no frame");
        } finally {
            leftOver = channel.finishAndReleaseAll();
        }
        assertFalse(leftOver, "nothing left over at close");
        return label;
    }

    // ---------------------------------------------------------------- properties

    @Test
    void structuredStreamsDecodeAsTheModelSays() {
        Fuzz.forAll(1500, FrameDecoderFuzzTest::structuredScenario, s -> Fuzz.collect(check(s)))
                .requireShare("too long, frames", 5)
                .requireShare("no error, frames", 10);
    }

    @Test
    void randomBytesDecodeAsTheModelSays() {
        Fuzz.forAll(1000, FrameDecoderFuzzTest::randomScenario, s -> Fuzz.collect(check(s)));
    }

    /** Valid frames (payloads cut to the maximum) in reads of the given sizes. */
    record Frames(int maxFrame, List<byte[]> payloads, List<Integer> reads, BufferKind kind) {
    }

    @Test
    void validFramesSplitAnywhereDecodeToExactlyTheirPayloads() {
        Fuzz.forAll(1000, r -> new Frames(maxFrame(r), listOf(r, 0, 10, g -> payload(g, 200)), readSizes(r), oneOf(r, BufferKind.class)),
                FrameDecoderFuzzTest::checkValidFrames);
    }

    static void checkValidFrames(Frames f) {
        int maxFrame = f.maxFrame();
        List<byte[]> fitting = f.payloads().stream().map(p -> Arrays.copyOf(p, Math.min(p.length, maxFrame))).toList();
        byte[] stream = concat(fitting.stream().map(p -> frame(p)).toList());
        FrameDecoder decoder = new FrameDecoder(maxFrame);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<byte[]> got = new ArrayList<>();
        ByteBuf held;
        try {
            for (byte[] read : split(stream, f.reads())) {
                channel.writeInbound(FuzzSupport.buffer(f.kind(), read));
                FuzzSupport.drainEmitted(channel).forEach(e -> got.add(e.bytes()));
            }
            held = cumulation(decoder);
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
        assertEquals(fitting.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(fitting.get(i), got.get(i), "payload " + i);
        }
        assertNull(held, "nothing held once the last frame is complete");
    }

    @Test
    void theLeakCheckIsArmed() throws InterruptedException {
        FuzzSupport.assertLeakCheckSeesADroppedBuffer();
    }

    // ---------------------------------------------------------------- generators

    static int maxFrame(RandomGenerator r) {
        return switch (weighted(r, 6, 2, 1)) {
            case 0 -> between(r, 1, 64);
            case 1 -> between(r, 65, 400);
            default -> oneOf(r, Protocol.DEFAULT_MAX_FRAME, Protocol.MAX_FRAME_LIMIT);
        };
    }

    static byte[] payload(RandomGenerator r, int maxSize) {
        return bytes(r, 0, maxSize);
    }

    /** A piece of a stream, made concrete for a given maximum by {@link #bytes}. */
    enum SegmentKind { FRAME, FULL_FRAME, OVERSIZED, GARBAGE, PARTIAL }

    record Segment(SegmentKind kind, byte[] payload, long value) {
        static Segment draw(RandomGenerator r) {
            SegmentKind kind = switch (weighted(r, 8, 1, 1, 1, 1)) {
                case 0 -> SegmentKind.FRAME;
                case 1 -> SegmentKind.FULL_FRAME;
                case 2 -> SegmentKind.OVERSIZED;
                case 3 -> SegmentKind.GARBAGE;
                default -> SegmentKind.PARTIAL;
            };
            return new Segment(kind, FrameDecoderFuzzTest.payload(r, 200), anyLong(r));
        }

        byte[] bytes(int maxFrame) {
            byte[] fitting = Arrays.copyOf(payload, Math.min(payload.length, maxFrame));
            return switch (kind) {
                case FRAME -> frame(fitting);
                case FULL_FRAME -> maxFrame <= 4096 ? frame(new byte[maxFrame]) : prefix(maxFrame); // the latter waits
                case OVERSIZED -> prefix(switch ((int) Math.floorMod(value, 5L)) {
                    case 0 -> maxFrame + 1L;
                    case 1 -> 0x7fffffffL;
                    case 2 -> 0x80000000L;
                    case 3 -> 0xffffffffL;
                    default -> maxFrame + 1L + Math.floorMod(value, 0xffffffffL - maxFrame);
                });
                case GARBAGE -> Arrays.copyOf(payload, Math.min(payload.length, 40));
                case PARTIAL -> {
                    byte[] whole = frame(fitting);
                    yield Arrays.copyOf(whole, (int) Math.floorMod(value, (long) whole.length));
                }
            };
        }
    }

    /** Frames, oversized prefixes, partial frames and garbage, mixed and then perhaps mutated. */
    static Scenario structuredScenario(RandomGenerator r) {
        int max = maxFrame(r);
        List<Segment> segments = listOf(r, 0, 10, Segment::draw);
        List<Mutation> mutations = weighted(r, 2, 1) == 0 ? List.of() : FuzzSupport.mutations(r);
        byte[] stream = FuzzSupport.mutate(concat(segments.stream().map(seg -> seg.bytes(max)).toList()), mutations);
        return new Scenario(max, stream, readSizes(r), oneOf(r, BufferKind.class));
    }

    static Scenario randomScenario(RandomGenerator r) {
        return new Scenario(maxFrame(r), payload(r, 400), readSizes(r), oneOf(r, BufferKind.class));
    }
}
