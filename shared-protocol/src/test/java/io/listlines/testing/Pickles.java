package io.listlines.testing;

import io.listlines.protocol.PickledList;
import io.netty.buffer.Unpooled;
import java.util.List;

/** The pickled list as tests decode it from plain byte arrays, by {@link PickledList}'s rules. */
public final class Pickles {
    private Pickles() {
    }

    /** Decodes a whole payload: exactly one pickle of a list of integers, nothing after it. */
    public static List<Long> unpickle(byte[] payload) {
        return PickledList.unpickle(Unpooled.wrappedBuffer(payload));
    }
}
