package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.listlines.e2e.kit.ChildProcess;
import io.listlines.e2e.kit.RepositoryFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * deploy/prometheus as Prometheus reads it: {@code promtool check config} on the scrape
 * configuration, {@code promtool check rules} on the rules, and {@code promtool test rules} on their
 * test (made-up series in, recorded values and firing alerts out). Needs promtool (Debian's
 * prometheus package); which metric names the rules use is {@link DeployedMetricNamesIT}'s.
 */
// Slow tier: it runs promtool, a prerequisite from Debian.
@Tag("slow")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrometheusRulesIT {
    private static final Path DIR =
            RepositoryFile.find("deploy/prometheus/prometheus.yml").getParent();

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        promtool("check", "config", "prometheus.yml");
    }

    @Test
    void theRulesAreValid() throws Exception {
        promtool("check", "rules", "listlines-rules.yml");
    }

    @Test
    void theRulesPassTheirTests() throws Exception {
        promtool("test", "rules", "listlines-rules.test.yml");
    }

    private static void promtool(String... args) throws Exception {
        String promtool = ChildProcess.requireProgram(
                "promtool", "promtool is not installed (apt-get install prometheus): deploy/prometheus not checked");
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile());
        ChildProcess.Finished finished = ChildProcess.run(builder, Duration.ofSeconds(30));
        assertEquals(0, finished.status(), "promtool " + String.join(" ", args) + ":\n" + finished.output());
    }
}
