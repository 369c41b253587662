package io.listlines.protocol;

/** A list frame whose payload is not a pickle of a list of signed 64-bit integers. */
public final class ListFormatException extends ProtocolException {
    public ListFormatException(String message) {
        super("bad_list", message);
    }
}
