package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.allocationBound;
import static io.listlines.fuzz.FuzzSupport.cumulation;
import static io.listlines.fuzz.FuzzSupport.split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.FuzzSupport.Emitted;
import io.listlines.fuzz.FuzzSupport.RecordingAllocator;
import io.listlines.fuzz.Streams.Model;
import io.listlines.fuzz.Streams.Scenario;
import io.listlines.fuzz.Streams.Unit;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The read-by-read check of a decoder that splits a stream into units (frames, raw lines) against
 * its {@link Model}, on an {@link EmbeddedChannel}: after every read it emits exactly the units
 * complete so far, each no larger than it may be; it fails only on the read that makes the model's
 * refusal certain, as {@link Rules#failure} says, and then drops everything; it never holds or
 * asks the allocator for more than (about twice) what it was fed and has not yet emitted, however
 * large a length was announced; and nothing is left over or leaked at the end. And the plainer
 * check of a stream of valid units ({@link #assertEmitsExactly}).
 */
final class DecoderHarness {
    private DecoderHarness() {}

    /**
     * What is particular to one decoder.
     *
     * @param unit       what it emits, for messages and labels ({@code frame}, {@code line})
     * @param maxEmitted the most bytes (and capacity) one emitted unit may have
     * @param maxHeld    the most bytes it may hold between reads
     * @param failure    checks what the failing read threw (called with null if it threw nothing)
     */
    record Rules(String unit, int maxEmitted, long maxHeld, Consumer<Throwable> failure) {}

    /**
     * Feeds the scenario to {@code decoder} read by read and checks every step against the model;
     * returns a label for statistics: {@code too long} or {@code no error}, then
     * {@code frames}/{@code no frame} (or lines).
     */
    static String check(Scenario s, Model model, ByteToMessageDecoder decoder, Rules rules) {
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.config().setAllocator(alloc);
        String unit = rules.unit();
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
                    rules.failure().accept(thrown);
                } else if (thrown != null) {
                    throw new AssertionError("unexpected failure after " + fed + " bytes", thrown);
                }

                for (Emitted got : FuzzSupport.drainEmitted(channel)) {
                    assertTrue(emitted < model.units().size(), "more " + unit + "s than the stream holds");
                    Unit expected = model.units().get(emitted++);
                    assertTrue(expected.to() <= fed, "a " + unit + " emitted before its last byte arrived");
                    assertTrue(
                            got.readable() <= rules.maxEmitted() && got.capacity() <= rules.maxEmitted(),
                            unit + " of " + got.readable() + " bytes (capacity " + got.capacity()
                                    + "), over the most of " + rules.maxEmitted());
                    assertArrayEquals(Arrays.copyOfRange(s.stream(), expected.from(), expected.to()), got.bytes());
                    consumed = expected.to();
                }
                long fedSoFar = fed;
                assertEquals(
                        model.units().stream().filter(u -> u.to() <= fedSoFar).count(),
                        emitted,
                        "every " + unit + " complete after " + fed + " bytes is emitted");

                failed |= failsNow;
                mostBuffered = Math.max(mostBuffered, bufferedBefore + read.length);
                int largest = alloc.takeLargestRequest();
                assertTrue(
                        largest <= allocationBound(mostBuffered),
                        "asked the allocator for " + largest + " bytes, never having held more than " + mostBuffered);
                ByteBuf held = cumulation(decoder);
                assertEquals(
                        failed ? 0 : fed - consumed,
                        held == null ? 0 : held.readableBytes(),
                        "bytes held between reads");
                if (held != null) {
                    // grown in place, a buffer keeps room for the bytes already read until Netty discards them
                    assertTrue(
                            held.capacity() <= allocationBound(fed),
                            "holds a buffer of " + held.capacity() + " having been fed " + fed);
                    assertTrue(held.readableBytes() <= rules.maxHeld(), "holds more than a " + unit + " between reads");
                }
            }
            channel.checkException();
            label = (failed ? "too long" : "no error") + (emitted > 0 ? ", " + unit + "s" : ", no " + unit);
        } finally {
            leftOver = channel.finishAndReleaseAll();
        }
        assertFalse(leftOver, "nothing left over at close");
        return label;
    }

    /**
     * Feeds a stream of valid units to {@code decoder} in reads of the given sizes, and checks that
     * it emits exactly {@code units} (the frames' payloads, the raw lines) and holds nothing after
     * the last.
     */
    static void assertEmitsExactly(
            ByteToMessageDecoder decoder,
            String unit,
            byte[] stream,
            List<byte[]> units,
            List<Integer> reads,
            BufferKind kind) {
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<byte[]> got = new ArrayList<>();
        ByteBuf held;
        try {
            for (byte[] read : split(stream, reads)) {
                channel.writeInbound(FuzzSupport.buffer(kind, read));
                FuzzSupport.drainEmitted(channel).forEach(e -> got.add(e.bytes()));
            }
            held = cumulation(decoder);
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
        assertEquals(units.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(units.get(i), got.get(i), unit + " " + i);
        }
        assertNull(held, "nothing held once the last " + unit + " is complete");
    }
}
