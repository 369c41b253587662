package io.listlines.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code --version} prints: the program, the project's version, the git commit it was built from (recorded by
 * the build in {@code build.properties}) and the Java runtime it runs on. Netty-free, so that a program without Netty
 * (the bench) can name it as its {@code versionProvider}; {@link NettyProgramVersion} adds the transports.
 */
public final class ProgramVersion implements IVersionProvider {
    private static final String BUILD_PROPERTIES = "build.properties";

    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return lines(spec.root().name()).toArray(String[]::new);
    }

    /** The lines this provider prints for {@code program}, for another provider to add to. */
    static List<String> lines(String program) {
        Properties build = build();
        List<String> lines = new ArrayList<>();
        lines.add("listlines " + program + " " + build.getProperty("version", "unknown"));
        lines.add("commit " + build.getProperty("commit", "unknown"));
        lines.add("Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
                + ") at " + System.getProperty("java.home"));
        return lines;
    }

    private static Properties build() {
        Properties properties = new Properties();
        try (InputStream in = ProgramVersion.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
