package io.listlines.runtime;

/**
 * Prints each {@link Transport}, best first, and whether this machine has it, one a line:
 * {@code epoll available} or {@code io_uring unavailable: CAUSE}. The bench runs it from
 * netty-server.jar ({@code java -cp netty-server.jar io.listlines.runtime.TransportAvailability})
 * so that it learns what the server will find without loading Netty itself.
 */
public final class TransportAvailability {
    private TransportAvailability() {}

    public static void main(String[] args) {
        for (Transport transport : Transport.values()) {
            Throwable cause = transport.unavailabilityCause();
            System.out.println(
                    cause == null && transport.isAvailable()
                            ? transport + " available"
                            : transport + " unavailable: "
                                    + (cause != null
                                            ? String.valueOf(cause.getMessage()).replace('\n', ' ')
                                            : "?"));
        }
    }
}
