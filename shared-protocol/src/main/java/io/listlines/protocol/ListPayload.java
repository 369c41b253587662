package io.listlines.protocol;

import java.util.List;

/** A server's list, with its pickle made once. Never modify the array. */
public record ListPayload(List<Long> values, byte[] pickle) {
    public static ListPayload of(List<Long> values) {
        return new ListPayload(List.copyOf(values), PickledList.pickle(values));
    }
}
