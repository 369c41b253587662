package io.listlines.fuzz;

import static io.listlines.fuzz.FuzzSupport.anyByte;
import static io.listlines.fuzz.FuzzSupport.anyLong;
import static io.listlines.fuzz.FuzzSupport.between;
import static io.listlines.fuzz.FuzzSupport.bytes;
import static io.listlines.fuzz.FuzzSupport.listOf;
import static io.listlines.fuzz.FuzzSupport.oneOf;
import static io.listlines.fuzz.FuzzSupport.readSizes;
import static io.listlines.fuzz.FuzzSupport.weighted;
import static io.listlines.testing.Frames.concat;
import static io.listlines.testing.Frames.frame;
import static io.listlines.testing.Frames.prefix;

import io.listlines.fuzz.FuzzSupport.BufferKind;
import io.listlines.fuzz.FuzzSupport.Mutation;
import io.listlines.protocol.Framing;
import io.listlines.protocol.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What a server's receiver makes of a stream, for every receiver that splits one: the models of
 * docs/PROTOCOL.md's two framings (where each frame or line ends, and where the stream must be refused)
 * and the generators of streams for them. The Netty decoders ({@link FrameDecoderFuzzTest},
 * {@link RawLineDecoderFuzzTest}) and the blocking codec ({@link BlockingCodecFuzzTest}) are checked
 * against the same models on the same inputs, and netty-server's pipeline fuzz test against the same
 * model. The models decode the length prefix by hand, as docs/PROTOCOL.md states it, not with the
 * code under test.
 */
public final class Streams {
    private Streams() {}

    /** A stream fed to a receiver with maximum {@code max} (frame payload or raw line), in reads of the given sizes. */
    record Scenario(int max, byte[] stream, List<Integer> reads, BufferKind kind) {}

    /** One frame's payload, or one raw line with its newline: {@code stream[from, to)}, complete once {@code to} bytes have arrived. */
    public record Unit(int from, int to) {}

    /**
     * The units a stream holds, in order, up to where it must be refused: {@code failAt} is the
     * number of bytes that make the refusal certain (-1: never), {@code announced} the oversized
     * length a framed stream announced there.
     */
    public record Model(List<Unit> units, long failAt, long announced) {
        /** The model of {@code framing}, for a maximum frame payload or raw line of {@code max}. */
        public static Model of(Framing framing, int max, byte[] stream) {
            return framing == Framing.FRAMED ? framed(max, stream) : raw(max, stream);
        }

        /** docs/PROTOCOL.md's framing: a 4-byte unsigned big-endian length, then the payload; a length over the maximum is refused. */
        public static Model framed(int maxFrame, byte[] stream) {
            List<Unit> frames = new ArrayList<>();
            int pos = 0;
            while (pos + 4 <= stream.length) {
                long length = ((stream[pos] & 0xffL) << 24)
                        | ((stream[pos + 1] & 0xff) << 16)
                        | ((stream[pos + 2] & 0xff) << 8)
                        | (stream[pos + 3] & 0xff);
                if (length > maxFrame) {
                    return new Model(frames, pos + 4, length);
                }
                if (pos + 4 + length > stream.length) {
                    break;
                }
                frames.add(new Unit(pos + 4, pos + 4 + (int) length));
                pos += 4 + (int) length;
            }
            return new Model(frames, -1, -1);
        }

        /** Raw framing: lines ending in {@code \n}; one with no newline within its first maximum + 1 bytes is refused. */
        public static Model raw(int maxLine, byte[] stream) {
            List<Unit> lines = new ArrayList<>();
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
                    lines.add(new Unit(pos, newline + 1));
                    pos = newline + 1;
                } else if (stream.length - pos > maxLine) {
                    return new Model(lines, (long) pos + maxLine + 1, -1);
                } else {
                    break;
                }
            }
            return new Model(lines, -1, -1);
        }

        /** Where the last complete unit ends: the bytes after it are a partial unit (or nothing). */
        public int consumed() {
            return units.isEmpty() ? 0 : units.get(units.size() - 1).to();
        }
    }

    /** A stream in the reads the generator draws after it, into buffers of a drawn kind. */
    private static Scenario inDrawnReads(RandomGenerator r, int max, byte[] stream) {
        return new Scenario(max, stream, readSizes(r), oneOf(r, BufferKind.class));
    }

    /** A drawn piece of a stream ({@link FrameSegment}, {@link LineSegment}), made concrete for a given maximum. */
    interface Segment {
        byte[] bytes(int max);
    }

    /** Up to ten drawn segments for the maximum, concatenated and then perhaps mutated. */
    private static Scenario mixed(RandomGenerator r, int max, Function<RandomGenerator, ? extends Segment> draw) {
        List<Segment> segments = listOf(r, 0, 10, draw);
        List<Mutation> mutations = weighted(r, 2, 1) == 0 ? List.of() : FuzzSupport.mutations(r);
        byte[] stream = FuzzSupport.mutate(
                concat(segments.stream().map(seg -> seg.bytes(max)).toList()), mutations);
        return inDrawnReads(r, max, stream);
    }

    // ---------------------------------------------------------------- framed streams

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

    /**
     * A piece of a framed stream, made concrete for a given maximum by {@link FrameSegment#bytes};
     * drawn by the weights of {@link FrameSegment#draw}, in this order.
     */
    enum FrameSegmentKind {
        FRAME,
        FULL_FRAME,
        OVERSIZED,
        GARBAGE,
        PARTIAL
    }

    record FrameSegment(FrameSegmentKind kind, byte[] payload, long value) implements Segment {
        static FrameSegment draw(RandomGenerator r) {
            FrameSegmentKind kind = weighted(r, FrameSegmentKind.class, 8, 1, 1, 1, 1);
            return new FrameSegment(kind, Streams.payload(r, 200), anyLong(r));
        }

        @Override
        public byte[] bytes(int maxFrame) {
            byte[] fitting = Arrays.copyOf(payload, Math.min(payload.length, maxFrame));
            return switch (kind) {
                case FRAME -> frame(fitting);
                case FULL_FRAME -> maxFrame <= 4096 ? frame(new byte[maxFrame]) : prefix(maxFrame); // the latter waits
                case OVERSIZED ->
                    prefix(
                            switch ((int) Math.floorMod(value, 5L)) {
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
    static Scenario framedStructured(RandomGenerator r) {
        return mixed(r, maxFrame(r), FrameSegment::draw);
    }

    static Scenario framedRandom(RandomGenerator r) {
        return inDrawnReads(r, maxFrame(r), payload(r, 400));
    }

    // ---------------------------------------------------------------- raw streams

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

    /**
     * A piece of a raw stream, made concrete for a given maximum by {@link LineSegment#bytes};
     * drawn by the weights of {@link LineSegment#draw}, in this order.
     */
    enum LineSegmentKind {
        LINE,
        CRLF_LINE,
        FULL_LINE,
        LONG_LINE,
        GARBAGE,
        NEWLINES
    }

    record LineSegment(LineSegmentKind kind, byte[] content, int count) implements Segment {
        static LineSegment draw(RandomGenerator r) {
            LineSegmentKind kind = weighted(r, LineSegmentKind.class, 6, 2, 1, 1, 1, 1);
            return new LineSegment(kind, contents(r, 200), between(r, 0, 20));
        }

        @Override
        public byte[] bytes(int maxLine) {
            byte[] fitting = Arrays.copyOf(content, Math.min(content.length, maxLine));
            return switch (kind) {
                case LINE -> concat(fitting, new byte[] {'\n'});
                case CRLF_LINE ->
                    concat(Arrays.copyOf(fitting, Math.max(0, fitting.length - 1)), new byte[] {'\r', '\n'});
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

    /** Lines (LF and CRLF, of the maximum and over it), garbage and runs of newlines, mixed and then perhaps mutated. */
    static Scenario rawStructured(RandomGenerator r) {
        return mixed(r, maxLine(r), LineSegment::draw);
    }

    static Scenario rawRandom(RandomGenerator r) {
        int max = maxLine(r);
        // '\n' one byte in 16, so that random lines are short enough to end
        byte[] stream = bytes(r, 0, 600, g -> weighted(g, 15, 1) == 0 ? anyByte(g) : (byte) '\n');
        return inDrawnReads(r, max, stream);
    }
}
