package io.listlines.protocol;

/** A length prefix that announces more than the receiver's maximum frame length. */
public final class FrameTooLongException extends ProtocolException {
    public FrameTooLongException(long announced, int maxFrame) {
        super("frame_too_long", "frame of " + announced + " bytes announced, over the maximum of " + maxFrame);
    }

    /** Checks an announced payload length against the maximum, as every receiver must. */
    public static int check(long announced, int maxFrame) {
        if (announced > maxFrame) {
            throw new FrameTooLongException(announced, maxFrame);
        }
        return (int) announced;
    }
}
