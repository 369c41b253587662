package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every long option a program prints in its {@code --help} (each {@code netty-client} command's
 * too) appears in some {@code docs/*.md} or in {@code README.md}, so an option added without a line
 * in a guide fails the build, naming it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DocumentedOptionsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /**
     * An option's own line in picocli's usage: two spaces, then a short name and a comma or four
     * spaces, then the long name. Wrapped descriptions are indented further, so the options they
     * mention are not taken for declared ones.
     */
    private static final Pattern DECLARED = Pattern.compile("^  (?:-\\w, | {4})(--[a-z0-9][a-z0-9-]*)");

    /** A command in the "Commands:" list of picocli's usage: two spaces, its name, its description. */
    private static final Pattern COMMAND = Pattern.compile("^  ([a-z][a-z0-9-]*)\\s{2,}\\S");

    private static List<Path> docs;
    private static String docsText;

    @BeforeAll
    static void readTheDocs() throws IOException {
        List<Path> found = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
            guides.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(found::add);
        }
        docs = found;
        StringBuilder text = new StringBuilder();
        for (Path doc : docs) {
            text.append(Files.readString(doc)).append('\n');
        }
        docsText = text.toString();
    }

    @Test
    void everyNettyServerOptionIsDocumented() throws Exception {
        assertDocumented("netty-server", "netty-server/target/netty-server.jar");
    }

    @Test
    void everyThreadedServerOptionIsDocumented() throws Exception {
        assertDocumented("threaded-server", "threaded-server/target/threaded-server.jar");
    }

    @Test
    void everyClientOptionOfEveryCommandIsDocumented() throws Exception {
        List<String> commands = assertDocumented("netty-client", "netty-client/target/netty-client.jar");
        assertTrue(commands.containsAll(List.of("load", "soak")), "netty-client's commands: " + commands);
    }

    @Test
    void everyBenchOptionIsDocumented() throws Exception {
        assertDocumented("bench", "bench/target/bench.jar");
    }

    /**
     * Checks the options of {@code program} and of each command its usage lists, failing once with
     * every undocumented one; returns the commands.
     */
    private static List<String> assertDocumented(String program, String jar) throws Exception {
        String usage = help(jar);
        List<String> commands = commands(usage);
        List<String> undocumented = new ArrayList<>(undocumented(program, usage));
        for (String command : commands) {
            undocumented.addAll(undocumented(program + " " + command, help(jar, command)));
        }
        if (!undocumented.isEmpty()) {
            fail("Options in no doc (" + String.join("; ", undocumented) + "). Searched "
                    + docs.stream().map(d -> ROOT.relativize(d).toString()).toList()
                    + ": give each option a row in its guide's table (docs/server.md, docs/client.md,"
                    + " docs/benchmarking.md, ...).");
        }
        return commands;
    }

    /** One entry per program whose declared options include some that no doc mentions. */
    private static List<String> undocumented(String program, String usage) {
        Set<String> declared = declaredOptions(usage);
        assertTrue(
                declared.size() >= 3,
                program + " --help lists too few options to check; is it picocli's usage?\n" + usage);
        Set<String> missing = new TreeSet<>();
        for (String option : declared) {
            // --tls must be named for itself: --tls-cert does not document it
            if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])")
                    .matcher(docsText)
                    .find()) {
                missing.add(option);
            }
        }
        return missing.isEmpty() ? List.of() : List.of(program + ": " + String.join(", ", missing));
    }

    private static Set<String> declaredOptions(String usage) {
        Set<String> options = new TreeSet<>();
        for (String line : usage.lines().toList()) {
            Matcher m = DECLARED.matcher(line);
            if (m.find()) {
                options.add(m.group(1));
            }
        }
        return options;
    }

    private static List<String> commands(String usage) {
        List<String> commands = new ArrayList<>();
        boolean inCommands = false;
        for (String line : usage.lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands) {
                Matcher m = COMMAND.matcher(line);
                if (m.find()) {
                    commands.add(m.group(1));
                } else if (!line.startsWith("   ")) {
                    inCommands = false; // past the list (its descriptions' wrapped lines are indented further)
                }
            }
        }
        return commands;
    }

    /** Runs {@code java -jar JAR ARGS... --help} with this JVM's Java (21+) and returns its usage. */
    private static String help(String jar, String... args) throws IOException, InterruptedException {
        Path path = ROOT.resolve(jar);
        assertTrue(
                Files.isRegularFile(path),
                path + " is not built: the reactor packages it before this test (mvn verify from the root)");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path.toString()));
        command.addAll(List.of(args));
        command.add("--help");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -jar " + jar + " --help did not end");
            assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
            return out;
        } finally {
            process.destroyForcibly();
        }
    }
}
