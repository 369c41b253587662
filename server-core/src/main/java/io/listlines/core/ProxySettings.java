package io.listlines.core;

import java.util.List;

/**
 * The {@code --proxy-protocol} flags: how long a header may take and whose headers are believed.
 *
 * @param trusted source address blocks allowed to send a header; empty for any (the server warns)
 */
public record ProxySettings(int headerTimeoutSeconds, List<Cidr> trusted) {
    public ProxySettings {
        trusted = List.copyOf(trusted);
    }
}
