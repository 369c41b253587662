package io.listlines.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import io.listlines.runtime.ConsoleLogConfigurator;

/**
 * Every server model's logging: lifecycle and session lines to standard output, as the article's
 * server prints them, INFO unless {@code LISTLINES_LOG_LEVEL} says otherwise ({@code --quiet}
 * silences the per-line ones).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ServerLogConfigurator extends ConsoleLogConfigurator {
    public ServerLogConfigurator() {
        super(false, Level.INFO);
    }
}
