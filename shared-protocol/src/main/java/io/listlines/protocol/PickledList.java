package io.listlines.protocol;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.razorvine.pickle.Pickler;

/**
 * The list frame's payload: a Python pickle of a list of integers.
 *
 * <p>Writing uses razorvine's {@link Pickler} (protocol 2, as CPython's {@code pickle.dumps(list, 2)}).
 * Reading never hands the bytes to a general unpickler: razorvine's allocates whatever size a
 * pickle declares and resolves globals. Instead this class interprets the few opcodes that a list
 * of integers needs, in protocols 0 to 5, and rejects every other opcode with a
 * {@link ListFormatException} naming it. Nothing is allocated beyond the bytes at hand.
 */
public final class PickledList {
    private static final int MAX_PROTOCOL = 5;
    /** Longest decimal argument of INT/LONG/PUT in protocol 0: {@code -9223372036854775808L}. */
    private static final int MAX_DECIMAL_DIGITS = 24;

    private PickledList() {}

    /** Pickles {@code values} as a Python list of ints, protocol 2. */
    public static byte[] pickle(List<Long> values) {
        try {
            // A List (not a long[]): razorvine pickles arrays as Python's array.array.
            return new Pickler(false).dumps(new ArrayList<>(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python's repr of the list, as the article's client prints it: {@code [1, 2, 7, 9, 0]}. */
    public static String repr(List<Long> values) {
        return values.toString();
    }

    /**
     * Decodes the readable bytes of {@code payload} (which must hold exactly one pickle) and
     * consumes them.
     *
     * @throws ListFormatException if they are anything but a pickled list of signed 64-bit ints
     */
    public static List<Long> unpickle(ByteBuf payload) {
        Scan scan = new Scan();
        int length = scan.advance(payload);
        if (length < 0) {
            throw new ListFormatException(
                    "truncated pickle: no STOP opcode within the " + payload.readableBytes() + " bytes of the frame");
        }
        if (length < payload.readableBytes()) {
            throw new ListFormatException(
                    (payload.readableBytes() - length) + " trailing bytes after the pickle's STOP opcode");
        }
        payload.skipBytes(length);
        return scan.result;
    }

    /**
     * The interpreter, over a pickle that may arrive in pieces: for raw framing, where nothing but
     * the pickle itself says where it ends (its STOP opcode, a byte that can also occur inside an
     * argument). Call {@link #advance} with the bytes so far, the pickle's first byte at the reader
     * index, after every read. A scan keeps its place between calls and interprets each byte once,
     * however the pickle is split into reads, so the work grows with its length alone. (An opcode
     * whose argument a read cuts short resumes at its argument when the rest arrives; only the
     * length byte of a LONG1 or the four of a LONG4 are then read again, and the newline search of
     * a text argument resumes where it stopped.) One per pickle; done with once it has found the end
     * or thrown.
     */
    public static final class Scan {
        private static final Object MARK = new Object();

        private final ArrayList<Object> stack = new ArrayList<>();
        private List<Long> list;
        /** The decoded list, once STOP is read. */
        private List<Long> result;
        /** The pickle's length, once STOP is read; else -1. */
        private int length = -1;
        /** Bytes after the reader index already interpreted, up to the opcode in progress. */
        private int scanned;
        /** The opcode whose argument the last call's bytes cut short, or -1. */
        private int pending = -1;
        /** Of a text argument cut short: how many of its bytes were searched for its newline. */
        private int searched;

        // the call in progress
        private ByteBuf in;
        private int end;
        private int pos;

        /**
         * Interprets the readable bytes of {@code in} that earlier calls have not seen: the same
         * bytes as last time from the same reader index on, and perhaps more. Consumes nothing.
         *
         * @return the pickle's length in bytes once its STOP opcode is among them, else -1
         * @throws ListFormatException as soon as the bytes cannot begin a pickled list of signed 64-bit ints
         */
        public int advance(ByteBuf in) {
            if (length >= 0) {
                return length;
            }
            int start = in.readerIndex();
            this.in = in;
            this.end = in.writerIndex();
            this.pos = start + scanned;
            try {
                while (pos < end) {
                    int opcodeAt = pos;
                    int op = pending >= 0 ? pending : in.getUnsignedByte(pos);
                    pos++;
                    try {
                        if (!step(op)) {
                            result = stop();
                            length = pos - start;
                            return length;
                        }
                    } catch (Truncated t) {
                        // the pickle goes on past the bytes at hand: this opcode again, with the rest of its argument
                        pending = op;
                        pos = opcodeAt;
                        break;
                    }
                    pending = -1;
                    searched = 0;
                }
                scanned = pos - start;
                return -1;
            } finally {
                this.in = null;
            }
        }

        /** Executes one opcode; false on STOP. */
        private boolean step(int op) {
            switch (op) {
                case 0x80 -> { // PROTO
                    int version = u8();
                    if (version > MAX_PROTOCOL) {
                        throw fail("unsupported pickle protocol " + version);
                    }
                }
                case 0x95 -> { // FRAME: an 8-byte length that only groups what follows
                    long grouped = in.getLongLE(need(8));
                    if (grouped < 0 || grouped > Protocol.MAX_FRAME_LIMIT) {
                        throw fail("pickle FRAME of " + Long.toUnsignedString(grouped)
                                + " bytes is larger than any frame");
                    }
                }
                case '.' -> {
                    return false;
                }
                case '(' -> stack.add(MARK);
                case ']' -> pushList(new ArrayList<>());
                case 'l' -> { // LIST: items since the mark (protocol 0)
                    ArrayList<Long> items = new ArrayList<>();
                    popToMark(items, "LIST");
                    pushList(items);
                }
                case 'a' -> { // APPEND
                    Object value = pop("APPEND");
                    targetList("APPEND").add(integer(value));
                }
                case 'e' -> { // APPENDS
                    ArrayList<Long> items = new ArrayList<>();
                    popToMark(items, "APPENDS");
                    targetList("APPENDS").addAll(items);
                }
                case 'I' -> stack.add(decimalInt(line(), false));
                case 'L' -> stack.add(decimalInt(line(), true));
                case 'J' -> stack.add((long) in.getIntLE(need(4)));
                case 'K' -> stack.add((long) u8());
                case 'M' -> stack.add((long) in.getUnsignedShortLE(need(2)));
                case 0x8a -> stack.add(littleEndianLong(u8()));
                case 0x8b -> stack.add(littleEndianLong(in.getIntLE(need(4))));
                case 'p' -> line(); // PUT: memo entries are never read back (GET is refused)
                case 'q' -> need(1);
                case 'r' -> need(4);
                case 0x94 -> {} // MEMOIZE
                default -> throw fail("opcode " + describe(op) + " is not allowed in a pickled list of integers");
            }
            return true;
        }

        private List<Long> stop() {
            if (stack.size() != 1 || stack.get(0) != list || list == null) {
                if (stack.contains(MARK)) {
                    throw fail("pickle leaves a MARK open at STOP");
                }
                if (list == null && stack.size() == 1) {
                    throw fail("pickle holds " + kind(stack.get(0)) + ", not a list");
                }
                throw fail("pickle does not end with exactly one list on its stack");
            }
            return Collections.unmodifiableList(list);
        }

        private void pushList(ArrayList<Long> items) {
            if (list != null) {
                throw fail("a nested or second list is not a list of integers");
            }
            list = items;
            stack.add(items);
        }

        private List<Long> targetList(String opcode) {
            if (stack.isEmpty() || stack.get(stack.size() - 1) != list || list == null) {
                throw fail(opcode + " without a list to append to");
            }
            return list;
        }

        private void popToMark(List<Long> into, String opcode) {
            int mark = stack.lastIndexOf(MARK);
            if (mark < 0) {
                throw fail(opcode + " without a MARK");
            }
            for (int i = mark + 1; i < stack.size(); i++) {
                into.add(integer(stack.get(i)));
            }
            stack.subList(mark, stack.size()).clear();
        }

        private Object pop(String opcode) {
            if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
                throw fail(opcode + " with nothing to append");
            }
            return stack.remove(stack.size() - 1);
        }

        private Long integer(Object value) {
            if (value instanceof Long l) {
                return l;
            }
            throw fail("list holds " + kind(value) + ", not only integers");
        }

        private String kind(Object value) {
            if (value == MARK) {
                return "a MARK";
            }
            return value instanceof Long ? "an integer" : "a list";
        }

        private int u8() {
            return in.getUnsignedByte(need(1));
        }

        /** Reserves {@code n} argument bytes and returns their offset. */
        private int need(int n) {
            if (n < 0 || n > end - pos) {
                throw Truncated.INSTANCE;
            }
            int at = pos;
            pos += n;
            return at;
        }

        /** A newline-terminated ASCII argument (protocol 0), without the newline. */
        private String line() {
            int limit = Math.min(end, pos + MAX_DECIMAL_DIGITS + 1);
            for (int i = pos + searched; i < limit; i++) {
                if (in.getByte(i) == '\n') {
                    String text = in.toString(pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return text;
                }
            }
            if (limit == end && end - pos <= MAX_DECIMAL_DIGITS) {
                searched = end - pos;
                throw Truncated.INSTANCE;
            }
            throw fail("decimal argument longer than " + MAX_DECIMAL_DIGITS + " characters: not a 64-bit integer");
        }

        private long decimalInt(String text, boolean longForm) {
            if (!longForm && (text.equals("00") || text.equals("01"))) {
                throw fail("list holds a bool (protocol 0 INT " + text + "), not only integers");
            }
            String digits = longForm && text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
            int start = digits.startsWith("-") || digits.startsWith("+") ? 1 : 0;
            if (digits.length() == start) {
                throw fail("empty integer argument");
            }
            for (int i = start; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    throw fail("integer argument '" + text + "' is not decimal");
                }
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw fail("integer " + digits + " is outside the signed 64-bit range");
            }
        }

        /** LONG1/LONG4: {@code n} bytes of little-endian two's complement. */
        private long littleEndianLong(int n) {
            if (n < 0 || n > 8) {
                throw fail("integer of " + Integer.toUnsignedString(n) + " bytes is outside the signed 64-bit range");
            }
            int at = need(n);
            long value = 0;
            for (int i = n - 1; i >= 0; i--) {
                value = (value << 8) | in.getUnsignedByte(at + i);
            }
            if (n > 0 && n < 8 && in.getByte(at + n - 1) < 0) {
                value |= -1L << (8 * n); // sign-extend
            }
            return value;
        }

        private ListFormatException fail(String message) {
            return new ListFormatException(message);
        }
    }

    /** Names a refused opcode as pickletools does, with what it would have made. */
    private static String describe(int op) {
        String name = switch (op) {
            case 'c' -> "GLOBAL (names a class or callable)";
            case 0x93 -> "STACK_GLOBAL (names a class or callable)";
            case 'R' -> "REDUCE (calls a callable)";
            case 'i' -> "INST (instantiates a class)";
            case 'o' -> "OBJ (instantiates a class)";
            case 0x81 -> "NEWOBJ (instantiates a class)";
            case 0x92 -> "NEWOBJ_EX (instantiates a class)";
            case 'b' -> "BUILD (sets object state)";
            case 0x82, 0x83, 0x84 -> "EXT (names a registered class)";
            case 'P', 'Q' -> "PERSID (a persistent reference)";
            case 'V' -> "UNICODE (a string)";
            case 'X' -> "BINUNICODE (a string)";
            case 0x8c -> "SHORT_BINUNICODE (a string)";
            case 0x8d -> "BINUNICODE8 (a string)";
            case 'S' -> "STRING (a string)";
            case 'T' -> "BINSTRING (a string)";
            case 'U' -> "SHORT_BINSTRING (a string)";
            case 'B' -> "BINBYTES (bytes)";
            case 'C' -> "SHORT_BINBYTES (bytes)";
            case 0x8e -> "BINBYTES8 (bytes)";
            case 0x96 -> "BYTEARRAY8 (bytes)";
            case 0x97 -> "NEXT_BUFFER (an out-of-band buffer)";
            case 0x98 -> "READONLY_BUFFER (an out-of-band buffer)";
            case 'F' -> "FLOAT (a float)";
            case 'G' -> "BINFLOAT (a float)";
            case 'N' -> "NONE (None)";
            case 0x88 -> "NEWTRUE (a bool)";
            case 0x89 -> "NEWFALSE (a bool)";
            case 't' -> "TUPLE (a tuple)";
            case ')' -> "EMPTY_TUPLE (a tuple)";
            case 0x85 -> "TUPLE1 (a tuple)";
            case 0x86 -> "TUPLE2 (a tuple)";
            case 0x87 -> "TUPLE3 (a tuple)";
            case 'd' -> "DICT (a dict)";
            case '}' -> "EMPTY_DICT (a dict)";
            case 's', 'u' -> "SETITEM (a dict)";
            case 0x8f -> "EMPTY_SET (a set)";
            case 0x90 -> "ADDITEMS (a set)";
            case 0x91 -> "FROZENSET (a set)";
            case 'g' -> "GET (a memo reference)";
            case 'h' -> "BINGET (a memo reference)";
            case 'j' -> "LONG_BINGET (a memo reference)";
            case '0' -> "POP";
            case '1' -> "POP_MARK";
            case '2' -> "DUP";
            default -> null;
        };
        return name != null ? name : String.format("0x%02x (not a list-of-integers opcode)", op);
    }

    /** The input ended inside an opcode's argument: not an error while more bytes may come. */
    private static final class Truncated extends RuntimeException {
        static final Truncated INSTANCE = new Truncated();

        private Truncated() {
            super(null, null, false, false);
        }
    }
}
