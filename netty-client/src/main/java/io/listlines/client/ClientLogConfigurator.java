package io.listlines.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import io.listlines.runtime.ConsoleLogConfigurator;

/**
 * The client's and load generator's logging: diagnostics only, WARN and up, to standard error
 * (standard output carries the list and the reports). Ranked above the servers' so that a program
 * with both on its class path (the bench) logs as a client does.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class ClientLogConfigurator extends ConsoleLogConfigurator {
    public ClientLogConfigurator() {
        super(true, Level.WARN);
    }
}
