package io.listlines.fuzz;

import static io.listlines.testing.Frames.concat;

import io.listlines.testing.LeakCheck;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the fuzz properties share (frames are {@link io.listlines.testing.Frames}'): splitting a stream into reads, mutations of valid inputs,
 * a UTF-8 oracle that does not use the code under test, an allocator that records what decoders ask
 * for, a look at a decoder's held bytes, the leak detector's set-up (see {@link Fuzz}), and what the
 * generators are drawn with.
 */
public final class FuzzSupport {
    private FuzzSupport() {}

    // ---------------------------------------------------------------- leaks

    /** Installs LeakCheck's recording detector (its static initializer) and checks the level is PARANOID. */
    public static void armLeakDetection() {
        try {
            Class.forName(LeakCheck.class.getName(), true, LeakCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new AssertionError("the fuzz properties expect Netty's leak detector at PARANOID, not "
                    + ResourceLeakDetector.getLevel());
        }
    }

    /**
     * Proves that the leak check is armed: drops a tracked buffer on purpose and waits
     * until the detector reports it. Any other report found on the way is a real leak.
     */
    public static void assertLeakCheckSeesADroppedBuffer() throws InterruptedException {
        String hint = "fuzz-canary-" + System.nanoTime();
        dropATrackedBuffer(hint);
        List<String> others = new ArrayList<>();
        boolean seen = false;
        for (int i = 0; i < 20 && !seen; i++) {
            for (String leak : LeakCheck.collect()) {
                if (leak.contains(hint)) {
                    seen = true;
                } else {
                    others.add(leak);
                }
            }
        }
        if (!others.isEmpty()) {
            throw new AssertionError(others.size() + " unexpected ByteBuf leak(s):\n" + String.join("\n", others));
        }
        if (!seen) {
            throw new AssertionError("a buffer dropped on purpose was never reported: the leak check is not armed");
        }
    }

    private static void dropATrackedBuffer(String hint) {
        // Pooled: Netty tracks pooled and direct buffers (unpooled heap ones are left to the GC).
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
        buf.writeLong(42);
        buf.touch(hint);
        // no release: that is the point
    }

    // ---------------------------------------------------------------- drawing

    /*
     * What the generators are made of, each drawing from the RandomGenerator of one try. They mix in
     * edge cases: a range's bounds, a size's minimum and maximum, 0 and -1 and the extremes of a
     * long, each now and then; and sizes lean small.
     */

    /** An int in [lo, hi], one of the two bounds one time in eight. */
    public static int between(RandomGenerator r, int lo, int hi) {
        return (int) between(r, (long) lo, hi);
    }

    /** A long in [lo, hi], one of the two bounds one time in eight. */
    public static long between(RandomGenerator r, long lo, long hi) {
        return switch (r.nextInt(16)) {
            case 0 -> lo;
            case 1 -> hi;
            default ->
                hi == Long.MAX_VALUE
                        ? (lo == Long.MIN_VALUE ? r.nextLong() : r.nextLong(lo - 1, hi) + 1)
                        : r.nextLong(lo, hi + 1);
        };
    }

    /** Any long: edge values, small ones, 32-bit ones and the whole range. */
    public static long anyLong(RandomGenerator r) {
        return switch (weighted(r, 1, 2, 1, 3)) {
            case 0 ->
                oneOf(r, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE, (long)
                        Integer.MAX_VALUE);
            case 1 -> r.nextLong(-1000, 1001);
            case 2 -> r.nextLong(-(1L << 32), 1L << 32);
            default -> r.nextLong();
        };
    }

    /** Any int: edge values, small ones and the whole range. */
    public static int anyInt(RandomGenerator r) {
        return switch (weighted(r, 1, 2, 3)) {
            case 0 -> oneOf(r, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case 1 -> r.nextInt(-1000, 1001);
            default -> r.nextInt();
        };
    }

    /** Any byte, 0, 1, -1, 127 or -128 one time in eight. */
    public static byte anyByte(RandomGenerator r) {
        return r.nextInt(8) == 0
                ? oneOf(r, (byte) 0, (byte) 1, (byte) -1, Byte.MAX_VALUE, Byte.MIN_VALUE)
                : (byte) r.nextInt();
    }

    /**
     * A size in [min, max]: either bound one time in eight, one in the lowest eighth of the range
     * three times in eight, else any; so that short inputs (a cut prefix, one byte) come up often.
     */
    public static int size(RandomGenerator r, int min, int max) {
        return switch (r.nextInt(16)) {
            case 0 -> min;
            case 1 -> max;
            case 2, 3, 4, 5, 6, 7 -> r.nextInt(min, min + (max - min) / 8 + 1);
            default -> r.nextInt(min, max + 1);
        };
    }

    /** {@link #anyByte}s, between {@code minSize} and {@code maxSize} of them. */
    public static byte[] bytes(RandomGenerator r, int minSize, int maxSize) {
        return bytes(r, minSize, maxSize, FuzzSupport::anyByte);
    }

    /** Bytes drawn by {@code each}, between {@code minSize} and {@code maxSize} of them. */
    public static byte[] bytes(RandomGenerator r, int minSize, int maxSize, Function<RandomGenerator, Byte> each) {
        byte[] bytes = new byte[size(r, minSize, maxSize)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = each.apply(r);
        }
        return bytes;
    }

    /** Between {@code minSize} and {@code maxSize} elements drawn by {@code each}. */
    public static <T> List<T> listOf(
            RandomGenerator r, int minSize, int maxSize, Function<RandomGenerator, ? extends T> each) {
        int n = size(r, minSize, maxSize);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(each.apply(r));
        }
        return list;
    }

    @SafeVarargs
    public static <T> T oneOf(RandomGenerator r, T... values) {
        return values[r.nextInt(values.length)];
    }

    public static <T> T oneOf(RandomGenerator r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    public static <E extends Enum<E>> E oneOf(RandomGenerator r, Class<E> type) {
        return oneOf(r, type.getEnumConstants());
    }

    /** An index into {@code weights}, each drawn in proportion to its weight: {@code switch (weighted(r, 3, 1))}. */
    public static int weighted(RandomGenerator r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = r.nextInt(total);
        for (int i = 0; ; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
    }

    /**
     * One of the enum's constants, each drawn in proportion to its weight, the weights given in the
     * constants' order: the draw of {@code switch (weighted(r, weights))} mapping case i to the i-th.
     */
    public static <E extends Enum<E>> E weighted(RandomGenerator r, Class<E> type, int... weights) {
        E[] constants = type.getEnumConstants();
        if (weights.length != constants.length) {
            throw new IllegalArgumentException(
                    weights.length + " weights for the " + constants.length + " constants of " + type.getSimpleName());
        }
        return constants[weighted(r, weights)];
    }

    // ---------------------------------------------------------------- bytes

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code bytes} are strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF),
     * decided without {@code Lines}: Java's decoder replaces every malformed sequence with U+FFFD,
     * whose encoding EF BF BD is itself well formed, so only valid input re-encodes to itself.
     */
    public static boolean isStrictUtf8(byte[] bytes) {
        return Arrays.equals(bytes, new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    /** The line a payload carries by docs/PROTOCOL.md: one trailing LF or CRLF is not part of it. */
    public static byte[] stripLineEnd(byte[] payload) {
        int n = payload.length;
        if (n > 0 && payload[n - 1] == '\n') {
            n--;
            if (n > 0 && payload[n - 1] == '\r') {
                n--;
            }
        }
        return Arrays.copyOf(payload, n);
    }

    /**
     * A valid string of up to {@code maxCodePoints} code points: ASCII, controls, CR/LF, the rest of
     * the BMP (no lone surrogates) and supplementary characters.
     */
    public static String unicodeString(RandomGenerator r, int maxCodePoints) {
        int n = size(r, 0, maxCodePoints);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.appendCodePoint(
                    switch (weighted(r, 5, 1, 1, 2, 1, 2)) {
                        case 0 -> between(r, 0x20, 0x7e);
                        case 1 -> between(r, 0, 0x1f);
                        case 2 -> oneOf(r, (int) '\r', (int) '\n', 0x7f, 0x85, 0x2028, 0xfeff, 0xfffd, 0xffff);
                        case 3 -> between(r, 0x80, 0xd7ff);
                        case 4 -> between(r, 0xe000, 0xffff);
                        default -> between(r, 0x10000, 0x10ffff);
                    });
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- splitting

    /**
     * Cuts {@code bytes} into reads: the sizes in order (0 gives an empty read), then the rest as one
     * read. The reads always add up to exactly {@code bytes}.
     */
    public static List<byte[]> split(byte[] bytes, List<Integer> sizes) {
        List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        for (int size : sizes) {
            if (at >= bytes.length) {
                break;
            }
            int n = Math.min(size, bytes.length - at);
            chunks.add(Arrays.copyOfRange(bytes, at, at + n));
            at += n;
        }
        if (at < bytes.length || chunks.isEmpty()) {
            chunks.add(Arrays.copyOfRange(bytes, at, bytes.length));
        }
        return chunks;
    }

    /** Read sizes: mostly small (so that prefixes and arguments are cut), some empty, some large. */
    public static List<Integer> readSizes(RandomGenerator r) {
        return listOf(r, 0, 40, g -> switch (weighted(g, 6, 3, 1)) {
            case 0 -> between(g, 1, 8);
            case 1 -> between(g, 1, 100);
            default -> between(g, 0, 5000);
        });
    }

    /** How an inbound read is held: decoders must not care. */
    public enum BufferKind {
        POOLED_DIRECT,
        POOLED_HEAP,
        UNPOOLED_HEAP,
        UNPOOLED_DIRECT,
        /** the bytes start 8 bytes into the buffer (readerIndex 8) */
        OFFSET,
        /** two components */
        COMPOSITE,
        READ_ONLY
    }

    /**
     * A buffer holding {@code bytes}, allocated so that the leak detector tracks it (all kinds but
     * {@link BufferKind#UNPOOLED_HEAP}, which Netty leaves to the garbage collector, as it does
     * {@code Unpooled.wrappedBuffer}).
     */
    public static ByteBuf buffer(BufferKind kind, byte[] bytes) {
        return switch (kind) {
            case POOLED_DIRECT ->
                PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
            case POOLED_HEAP ->
                PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length).writeBytes(bytes);
            case UNPOOLED_HEAP ->
                UnpooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length).writeBytes(bytes);
            case UNPOOLED_DIRECT ->
                UnpooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
            case OFFSET -> {
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length + 8);
                buf.writeLong(0x2e0a2e0a2e0a2e0aL); // '.' and '\n' that must never be seen
                buf.writeBytes(bytes);
                yield buf.readerIndex(8);
            }
            case COMPOSITE -> {
                int half = bytes.length / 2;
                CompositeByteBuf buf = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer();
                buf.addComponent(
                        true, PooledByteBufAllocator.DEFAULT.directBuffer(half).writeBytes(bytes, 0, half));
                buf.addComponent(
                        true,
                        PooledByteBufAllocator.DEFAULT
                                .heapBuffer(bytes.length - half)
                                .writeBytes(bytes, half, bytes.length - half));
                yield buf;
            }
            case READ_ONLY ->
                PooledByteBufAllocator.DEFAULT
                        .heapBuffer(bytes.length)
                        .writeBytes(bytes)
                        .asReadOnly();
        };
    }

    /** Writes one read into the channel's inbound side; returns what that threw, or null. */
    public static Throwable feed(EmbeddedChannel channel, BufferKind kind, byte[] read) {
        try {
            channel.writeInbound(buffer(kind, read));
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
    /** Reads and releases every inbound message of {@code channel}. */
    public static List<Object> drainInbound(EmbeddedChannel channel) {
        List<Object> messages = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            messages.add(msg);
        }
        return messages;
    }

    /** A ByteBuf a decoder emitted: its bytes, readable bytes and capacity, copied before it was released. */
    public record Emitted(byte[] bytes, int readable, int capacity) {}

    /**
     * Reads every inbound ByteBuf of {@code channel}, copies what a test checks and releases them all
     * at once, so that a failing assertion later cannot leak them.
     */
    public static List<Emitted> drainEmitted(EmbeddedChannel channel) {
        List<Object> messages = drainInbound(channel);
        try {
            List<Emitted> emitted = new ArrayList<>();
            for (Object msg : messages) {
                ByteBuf buf = (ByteBuf) msg;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                emitted.add(new Emitted(bytes, buf.readableBytes(), buf.capacity()));
            }
            return emitted;
        } finally {
            messages.forEach(ReferenceCountUtil::release);
        }
    }

    /** Copies a message's bytes out and releases it. */
    public static byte[] bytesAndRelease(Object msg) {
        try {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return bytes;
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Everything {@code channel} wrote, as one array; releases the buffers. */
    public static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            out.writeBytes(bytesAndRelease(msg));
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- decoder internals

    private static final Field CUMULATION;

    static {
        try {
            CUMULATION = ByteToMessageDecoder.class.getDeclaredField("cumulation");
            CUMULATION.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The bytes a {@link ByteToMessageDecoder} holds between reads (its cumulation), or null. Read by
     * reflection because the decoders under test are final; fails loudly if Netty renames the field.
     */
    public static ByteBuf cumulation(ByteToMessageDecoder decoder) {
        try {
            return (ByteBuf) CUMULATION.get(decoder);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An unpooled allocator that records the largest capacity any buffer was asked for, so a test can
     * prove that a decoder never allocates for a length it was only told about. Its buffers, heap
     * ones included, are leak-tracked.
     */
    public static final class RecordingAllocator extends AbstractByteBufAllocator {
        private int largestRequest;

        public RecordingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            record(initialCapacity);
            return toLeakAwareBuffer(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            record(initialCapacity);
            return toLeakAwareBuffer(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
        }

        private synchronized void record(int capacity) {
            largestRequest = Math.max(largestRequest, capacity);
        }

        /** The largest capacity asked for since the last call, then resets it. */
        public synchronized int takeLargestRequest() {
            int largest = largestRequest;
            largestRequest = 0;
            return largest;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    /**
     * The most a decoder may hold or ask for once {@code buffered} bytes have been fed and not yet
     * consumed: Netty grows a buffer to the next power of two (at least 64) of what it must hold,
     * counting the 8 spare bytes in front of a {@link BufferKind#OFFSET} read. Far below any
     * announced length worth checking.
     */
    public static long allocationBound(long buffered) {
        return 2 * Math.max(64, buffered + 8);
    }

    // ---------------------------------------------------------------- mutations

    /** What a mutation does to a valid input. */
    public enum MutationKind {
        FLIP_BIT,
        SET_BYTE,
        INSERT,
        DELETE,
        TRUNCATE,
        DUPLICATE,
        SET_INT_LE,
        SET_INT_BE
    }

    /** One mutation; positions are taken modulo the input's length, so any record applies to any input. */
    public record Mutation(MutationKind kind, int position, int length, long value) {
        public byte[] apply(byte[] in) {
            int n = in.length;
            int at = n == 0 ? 0 : Math.floorMod(position, n + 1);
            return switch (kind) {
                case FLIP_BIT -> {
                    if (n == 0) {
                        yield in;
                    }
                    byte[] out = in.clone();
                    out[Math.min(at, n - 1)] ^= (byte) (1 << (value & 7));
                    yield out;
                }
                case SET_BYTE -> {
                    if (n == 0) {
                        yield in;
                    }
                    byte[] out = in.clone();
                    out[Math.min(at, n - 1)] = (byte) value;
                    yield out;
                }
                case INSERT -> {
                    byte[] insert = new byte[Math.max(1, length % 9)];
                    for (int i = 0; i < insert.length; i++) {
                        insert[i] = (byte) (value >>> (8 * (i % 8)));
                    }
                    yield concat(Arrays.copyOfRange(in, 0, at), insert, Arrays.copyOfRange(in, at, n));
                }
                case DELETE -> {
                    int end = Math.min(n, at + Math.max(1, length));
                    yield concat(Arrays.copyOfRange(in, 0, at), Arrays.copyOfRange(in, end, n));
                }
                case TRUNCATE -> Arrays.copyOf(in, at);
                case DUPLICATE -> {
                    int end = Math.min(n, at + Math.max(1, length));
                    yield concat(Arrays.copyOfRange(in, 0, end), Arrays.copyOfRange(in, at, n));
                }
                case SET_INT_LE, SET_INT_BE -> {
                    int width = length % 2 == 0 ? 4 : 8;
                    byte[] out = in.clone();
                    for (int i = 0; i < width && at + i < n; i++) {
                        int shift = kind == MutationKind.SET_INT_LE ? 8 * i : 8 * (width - 1 - i);
                        out[at + i] = (byte) (value >>> shift);
                    }
                    yield out;
                }
            };
        }
    }

    /** Values that make length fields and integer arguments interesting. */
    public static long interestingLong(RandomGenerator r) {
        return switch (weighted(r, 3, 2, 1)) {
            case 0 ->
                oneOf(
                        r,
                        0L,
                        1L,
                        -1L,
                        0x7fL,
                        0x80L,
                        0xffL,
                        0x100L,
                        0x7fffL,
                        0x8000L,
                        0xffffL,
                        0x10000L,
                        0x7fffffffL,
                        0x80000000L,
                        0xffffffffL,
                        0x100000000L,
                        (1L << 30) + 1,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        (long) '\n',
                        (long) '.',
                        (long) '(',
                        (long) ')');
            case 1 -> anyLong(r);
            default -> between(r, 0L, 300L);
        };
    }

    private static final List<Long> INTERESTING_BYTES = "().]laeIJKLMpqr\n\r\u0080\u0094\u0095\u008a\u008bcRgNVX0"
            .chars()
            .mapToObj(c -> (long) c)
            .toList();

    /** Bytes chosen to hit opcodes, separators and sign bits more often than chance would. */
    public static long interestingByte(RandomGenerator r) {
        return weighted(r, 2, 3) == 0 ? between(r, 0, 255) : oneOf(r, INTERESTING_BYTES);
    }

    public static Mutation mutation(RandomGenerator r) {
        MutationKind kind = oneOf(r, MutationKind.class);
        int position = between(r, 0, 1 << 16);
        int length = between(r, 0, 16);
        long b = interestingByte(r);
        long v = interestingLong(r);
        return new Mutation(
                kind, position, length, kind == MutationKind.SET_BYTE || kind == MutationKind.FLIP_BIT ? b : v);
    }

    /** One to six mutations. */
    public static List<Mutation> mutations(RandomGenerator r) {
        return listOf(r, 1, 6, FuzzSupport::mutation);
    }

    public static byte[] mutate(byte[] in, List<Mutation> mutations) {
        byte[] out = in;
        for (Mutation m : mutations) {
            out = m.apply(out);
        }
        return out;
    }
}
