package io.listlines.core;

import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.Flags;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of IPv4 or IPv6 addresses, {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is its own /32 or /128. */
public record Cidr(byte[] network, int prefix) {
    /**
     * Parses {@code ADDRESS[/PREFIX]}, numeric addresses only (no name lookups).
     *
     * @throws CommandFailure (usage) naming {@code flag} when it is not one
     */
    public static Cidr parse(String flag, String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        Flags.require(
                !host.isEmpty()
                        && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))),
                flag + " takes an address block such as 10.0.0.0/8 or ::1/128, not " + text + ".");
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw CommandFailure.usage(
                    flag + " takes an address block such as 10.0.0.0/8 or ::1/128, not " + text + ".");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            Flags.require(
                    prefix >= 0 && prefix <= bits,
                    flag + " " + text + ": the prefix length must be between 0 and " + bits + ".");
        }
        return new Cidr(masked(address, prefix), prefix);
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefix == prefix && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
