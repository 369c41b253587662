package io.listlines.core;

import io.listlines.runtime.HostPort;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a PROXY protocol header means to every server model ({@code --proxy-protocol}); the Netty
 * pipeline and the blocking session only read the header and ask here. At accept, the real source
 * must be {@code --proxy-trusted}; once the header has arrived, its source address is the peer from
 * then on: in every log line, in the counters and in {@code --max-connections-per-address}, which is
 * why {@link Admission} decides only then (the balancer's own address would otherwise be one
 * address holding every client). A v2 {@code LOCAL} header (a balancer's own check) gets a session
 * under the real address, counted apart; a header for an unknown or UNIX family keeps the real
 * address, as the specification says. A header that is missing, late or malformed closes the
 * connection as a {@value #PROXY_HEADER} error with one log line. Thread-safe.
 */
public final class ProxyPolicy {
    static final String PROXY_HEADER = "proxy_header";
    static final String PROXY_UNTRUSTED = "proxy_untrusted";
    private static final Logger LOG = LoggerFactory.getLogger(SessionLogger.NAME);

    private final ProxySettings settings;
    private final ServerStats stats;
    private final Admission admission;
    private final Sessions sessions;
    private final boolean quiet;
    private final ThrottledLog throttled = new ThrottledLog(LOG);
    private final Refusals refusals;

    ProxyPolicy(ProxySettings settings, ServerStats stats, Admission admission, Sessions sessions, boolean quiet) {
        this.settings = settings;
        this.stats = stats;
        this.admission = admission;
        this.sessions = sessions;
        this.quiet = quiet;
        this.refusals = new Refusals(stats);
    }

    /** How long after accept the header must be complete. */
    public long headerTimeoutMillis() {
        return settings.headerTimeoutSeconds() * 1000L;
    }

    /** The line the server logs at start: whose headers it believes. */
    void logTrust() {
        if (settings.trusted().isEmpty()) {
            LOG.warn("--proxy-protocol without --proxy-trusted: any client can claim any address in its PROXY header");
        } else {
            LOG.info(
                    "PROXY protocol headers accepted from {}",
                    settings.trusted().stream().map(Cidr::toString).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Counts a new connection in and says whether its real source may send a header; if not, it is
     * counted as rejected {@value #PROXY_UNTRUSTED} and logged (throttled), and the caller closes it.
     */
    public boolean accept(SocketAddress real) {
        stats.countAccepted();
        if (trusted(real)) {
            return true;
        }
        InetAddress address = real instanceof InetSocketAddress inet ? inet.getAddress() : null;
        refusals.refuse(
                real,
                PROXY_UNTRUSTED,
                PROXY_UNTRUSTED,
                () -> (address == null ? "?" : address.getHostAddress())
                        + " is not --proxy-trusted to send a PROXY header");
        return false;
    }

    private boolean trusted(SocketAddress real) {
        if (settings.trusted().isEmpty()) {
            return true;
        }
        if (!(real instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        return settings.trusted().stream().anyMatch(block -> block.contains(inet.getAddress()));
    }

    /**
     * The header arrived, complete and valid: opens the session it stands for, or returns null if
     * {@link Admission} refuses the peer it names (counted and logged; the caller closes). Does not
     * release {@code header}.
     */
    public ServerSession open(HAProxyMessage header, SocketAddress real) {
        boolean local = header.command() == HAProxyCommand.LOCAL;
        SocketAddress peer = local ? real : peerOf(header, real);
        if (!admission.admitAccepted(peer)) {
            return null;
        }
        return sessions.open(peer, local);
    }

    /** The address the header gives, for TCP over IPv4 or IPv6; otherwise the connection's own. */
    static SocketAddress peerOf(HAProxyMessage header, SocketAddress real) {
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        if ((protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6)
                && header.sourceAddress() != null) {
            try {
                // Numeric already (the decoder checked it), so no lookup happens.
                return new InetSocketAddress(InetAddress.getByName(header.sourceAddress()), header.sourcePort());
            } catch (UnknownHostException e) {
                return real;
            }
        }
        return real;
    }

    /** The bytes were not a valid header ({@code HAProxyProtocolException}): {@link #failed} with the decoder's own words. */
    public void malformed(SocketAddress real, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        failed(real, root.getMessage() != null ? root.getMessage() : root.toString());
    }

    /** The header did not come, came late or was not one: counted as {@value #PROXY_HEADER}, one line; the caller closes. */
    public void failed(SocketAddress real, String reason) {
        stats.countError(PROXY_HEADER);
        String line = "Closed connection: " + HostPort.format(real) + " (error: PROXY header: " + reason + ")";
        if (quiet) {
            throttled.warn(PROXY_HEADER, () -> line);
        } else {
            LOG.warn(line);
        }
    }
}
