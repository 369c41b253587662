package io.listlines.threaded;

import io.listlines.core.ServerConfig;
import java.util.Locale;

/** The blocking designs, as {@code --model} names them. */
public enum Model {
    THREAD_PER_CLIENT,
    POOL,
    VIRTUAL;

    /** The {@code --model} name: {@code thread-per-client}, {@code pool}, {@code virtual}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A server of this model; {@code poolThreads} matters only to {@link #POOL}. */
    public BlockingServer create(ServerConfig config, int poolThreads) {
        return switch (this) {
            case THREAD_PER_CLIENT -> new ThreadPerClientServer(config);
            case POOL -> new PoolServer(config, poolThreads);
            case VIRTUAL -> new VirtualThreadServer(config);
        };
    }

    /** The model a {@code --model} value names, or null. */
    public static Model parse(String text) {
        for (Model model : values()) {
            if (model.toString().equalsIgnoreCase(text) || model.name().equalsIgnoreCase(text)) {
                return model;
            }
        }
        return null;
    }
}
