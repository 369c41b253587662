package io.listlines.threaded;

import io.listlines.core.ServerConfig;

/** The blocking designs, as {@code --model} names them. */
public enum Model {
    THREAD_PER_CLIENT("thread-per-client"),
    POOL("pool"),
    VIRTUAL("virtual");

    private final String label;

    Model(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
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
            if (model.label.equalsIgnoreCase(text) || model.name().equalsIgnoreCase(text)) {
                return model;
            }
        }
        return null;
    }
}
