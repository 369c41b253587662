package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.isStrictUtf8;
import static io.listlines.fuzz.FuzzSupport.split;
import static io.listlines.fuzz.FuzzSupport.stripLineEnd;
import static io.listlines.testing.Frames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.listlines.fuzz.Streams.Model;
import io.listlines.fuzz.Streams.Scenario;
import io.listlines.fuzz.Streams.Unit;
import io.listlines.protocol.BlockingCodec;
import io.listlines.protocol.FrameTooLongException;
import io.listlines.protocol.Framing;
import io.listlines.protocol.ListFrame;
import io.listlines.protocol.ListPayload;
import io.listlines.protocol.ProtocolException;
import io.listlines.testing.SocketInput;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes {@link BlockingCodec}, the threaded servers' codec, against the same models and on the
 * same generated streams as the Netty decoders ({@link Streams}), framed and raw, the stream handed
 * out in short reads cut where the scenario says. Called as a server calls it, {@code readLine}
 * until the stream ends or is refused, it answers exactly the model's units by the line rules (a
 * unit that is not UTF-8 refused as {@code invalid_utf8} and consumed whole, so the next one is
 * read), then the model's refusal ({@code frame_too_long}, naming the announced length, or
 * {@code line_too_long}), or null where the stream ends between units, or {@link EOFException}
 * where it ends inside one. And it never waits for bytes an answer does not need: when an answer is
 * given, no read has been asked for past the one that holds the answer's last byte (on a socket,
 * such a read would block until the peer sent more, or forever).
 *
 * <p>Longer campaign: {@code -Dtest='BlockingCodecFuzzTest' -Dlistlines.fuzz.tries=200000}
 * (see {@link FrameDecoderFuzzTest} for the whole command and {@link Fuzz}).
 */
@ExtendWith(Fuzz.class)
class BlockingCodecFuzzTest {

    /**
     * Hands out a stream in the given reads, at most one of them per call, as a socket hands out
     * what has arrived. Empty reads are skipped: a blocking read returns at least one byte.
     */
    static final class ShortReads extends SocketInput {
        private final List<byte[]> reads;
        private int index;
        private int offset;
        private long delivered;

        ShortReads(byte[] stream, List<Integer> sizes) {
            this.reads = split(stream, sizes).stream()
                    .filter(read -> read.length > 0)
                    .toList();
        }

        @Override
        protected int arrived(byte[] b, int off, int len) {
            if (index == reads.size()) {
                return -1;
            }
            byte[] read = reads.get(index);
            int n = Math.min(len, read.length - offset);
            System.arraycopy(read, offset, b, off, n);
            offset += n;
            delivered += n;
            if (offset == read.length) {
                index++;
                offset = 0;
            }
            return n;
        }

        /** Fails if the codec asked for a read past the one holding byte {@code needed - 1}, the last an answer needs. */
        void assertNoReadPast(long needed, String answer) {
            long end = 0;
            for (byte[] read : reads) {
                end += read.length;
                if (end >= needed) {
                    break;
                }
            }
            assertTrue(
                    delivered <= end,
                    answer + " needs " + needed + " bytes, which the reads deliver by byte " + end
                            + ", yet the codec asked for " + delivered + ": it waited for bytes it did not need");
        }
    }

    /** What one {@code readLine} made of the stream: a line, null, or what it threw. */
    private static Object answer(BlockingCodec codec) {
        try {
            return codec.readLine();
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    private static <T extends Throwable> T expect(Class<T> type, Object answer, String what) {
        if (answer instanceof Throwable t && !type.isInstance(t)) {
            throw new AssertionError(what + ": expected " + type.getSimpleName() + ", got " + t, t);
        }
        return assertInstanceOf(type, answer, what);
    }

    /**
     * The largest maximum tried here. Unlike {@code FrameDecoder}, which holds only the bytes that
     * have arrived, the codec allocates a frame's whole payload as soon as its length is accepted,
     * so the generators' largest maximum ({@code Protocol.MAX_FRAME_LIMIT}, 1 GiB) would have random
     * prefixes allocate up to a GiB per try.
     */
    private static final int MAX_TRIED = 1 << 20;

    /** Reads the scenario as a server would and checks every answer against the model; labels the tries for statistics. */
    static void check(Scenario drawn, Framing framing) {
        Scenario s = new Scenario(Math.min(drawn.max(), MAX_TRIED), drawn.stream(), drawn.reads(), drawn.kind());
        boolean framed = framing == Framing.FRAMED;
        Model model = Model.of(framing, s.max(), s.stream());
        ShortReads in = new ShortReads(s.stream(), s.reads());
        BlockingCodec codec = new BlockingCodec(in, OutputStream.nullOutputStream(), s.max(), framing);
        int notUtf8 = 0;
        for (int i = 0; i < model.units().size(); i++) {
            Unit unit = model.units().get(i);
            String what = "line " + i + " (bytes " + unit.from() + " to " + unit.to() + ")";
            byte[] line = stripLineEnd(Arrays.copyOfRange(s.stream(), unit.from(), unit.to()));
            Object answer = answer(codec);
            if (isStrictUtf8(line)) {
                if (answer instanceof Throwable t) {
                    throw new AssertionError(what + ": expected the line, got " + t, t);
                }
                assertEquals(new String(line, StandardCharsets.UTF_8), answer, what);
            } else {
                assertEquals(
                        "invalid_utf8",
                        expect(ProtocolException.class, answer, what).kind(),
                        what);
                notUtf8++;
            }
            in.assertNoReadPast(unit.to(), what);
        }
        Object last = answer(codec);
        String end;
        if (model.failAt() >= 0) {
            if (framed) {
                FrameTooLongException e = expect(FrameTooLongException.class, last, "the oversized prefix");
                assertTrue(e.getMessage().contains("frame of " + model.announced() + " bytes"), e.getMessage());
            } else {
                assertEquals(
                        "line_too_long",
                        expect(ProtocolException.class, last, "the line over the maximum")
                                .kind());
            }
            in.assertNoReadPast(model.failAt(), "the refusal");
            end = "too long";
        } else if (model.consumed() == s.stream().length) {
            if (last instanceof Throwable t) {
                throw new AssertionError("a clean end of stream after the last unit: expected null, got " + t, t);
            }
            assertNull(last, "a clean end of stream after the last unit");
            end = "clean end";
        } else {
            expect(EOFException.class, last, "the stream ends inside a unit");
            end = "cut short";
        }
        Fuzz.collect("end", end);
        Fuzz.collect("lines", model.units().isEmpty() ? "none" : notUtf8 > 0 ? "some not UTF-8" : "all UTF-8");
    }

    // ---------------------------------------------------------------- properties

    @Test
    void framedStructuredStreamsReadAsTheModelSays() {
        structuredStreamsReachEveryEnd(Streams::framedStructured, Framing.FRAMED);
    }

    @Test
    void framedRandomBytesReadAsTheModelSays() {
        Fuzz.forAll(1000, Streams::framedRandom, s -> check(s, Framing.FRAMED));
    }

    @Test
    void rawStructuredStreamsReadAsTheModelSays() {
        structuredStreamsReachEveryEnd(Streams::rawStructured, Framing.RAW);
    }

    @Test
    void rawRandomBytesReadAsTheModelSays() {
        Fuzz.forAll(1000, Streams::rawRandom, s -> check(s, Framing.RAW));
    }

    /** Checks structured streams of one framing, requiring that they reach every end and both kinds of lines. */
    private static void structuredStreamsReachEveryEnd(Function<RandomGenerator, Scenario> streams, Framing framing) {
        Fuzz.forAll(1500, streams, s -> check(s, framing))
                .requireShare("end", "too long", 5)
                .requireShare("end", "clean end", 5)
                .requireShare("end", "cut short", 5)
                .requireShare("lines", "all UTF-8", 5)
                .requireShare("lines", "some not UTF-8", 5);
    }

    /** A list and the framing it is written in. */
    record ListWrite(ListPayload list, Framing framing) {}

    @Test
    void theListIsWrittenAsAFrameOrAsThePickleAlone() {
        Fuzz.forAll(
                500,
                (RandomGenerator r) -> new ListWrite(
                        ListPayload.of(r.longs(r.nextInt(0, 2000)).boxed().toList()),
                        FuzzSupport.oneOf(r, Framing.class)),
                w -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    new BlockingCodec(InputStream.nullInputStream(), out, 16, w.framing())
                            .writeEncoded(ListFrame.bytes(w.list(), w.framing()));
                    byte[] pickle = w.list().pickle();
                    assertArrayEquals(w.framing() == Framing.FRAMED ? frame(pickle) : pickle, out.toByteArray());
                });
    }
}
