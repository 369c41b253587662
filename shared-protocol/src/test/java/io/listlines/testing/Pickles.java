package io.listlines.testing;

import io.listlines.protocol.PickledList;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/** The pickled list as tests decode it from plain byte arrays, by {@link PickledList}'s rules. */
public final class Pickles {
    private Pickles() {}

    /** Decodes a whole payload: exactly one pickle of a list of integers, nothing after it. */
    public static List<Long> unpickle(byte[] payload) {
        return PickledList.unpickle(Unpooled.wrappedBuffer(payload));
    }

    /**
     * Decodes one pickle from the start of {@code in} if it is all there: returns the list and
     * consumes its bytes, or returns {@code null} and consumes nothing if the pickle is not
     * finished yet. What a fresh {@link PickledList.Scan} makes of the bytes at once: the oracle
     * that the raw client's decoder, fed the same bytes in reads, must agree with.
     *
     * @throws io.listlines.protocol.ListFormatException as soon as the bytes cannot begin a list of integers
     */
    public static List<Long> tryUnpickle(ByteBuf in) {
        int length = new PickledList.Scan().advance(in);
        return length < 0 ? null : PickledList.unpickle(in.readSlice(length));
    }
}
