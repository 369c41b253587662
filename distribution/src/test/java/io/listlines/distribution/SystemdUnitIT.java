package io.listlines.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd: the unit that systemd accepts, and its stop timeout against the flags its environment file sets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemdUnitIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path UNIT = ROOT.resolve("deploy/systemd/listlines-server.service");
    private static final Path ENVIRONMENT = ROOT.resolve("deploy/systemd/listlines-server.env");

    @Test
    void systemdAcceptsTheUnit(@TempDir Path dir) throws Exception {
        ReleaseTree.assumePrerequisite(
                Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze")
                        .anyMatch(p -> Files.isExecutable(Path.of(p))),
                "systemd-analyze is not installed (Debian: systemd)");
        // systemd checks that ExecStart's program exists: the unit's /opt/listlines is this tree here
        Path unit = Files.writeString(
                dir.resolve("listlines-server.service"), Files.readString(UNIT).replace("/opt/listlines/", ROOT + "/"));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", unit.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, verify.exitValue(), out);
        assertTrue(out.isBlank(), "no warnings: " + out);
    }

    @Test
    void theStopTimeoutCoversTheDrainDelayAndTheGrace() throws Exception {
        String unit = Files.readString(UNIT);
        String environment = Files.readString(ENVIRONMENT);
        int timeout = Integer.parseInt(setting(unit, "(?m)^TimeoutStopSec=(\\d+)$"));
        int drainDelay = Integer.parseInt(setting(environment, "--drain-delay (\\d+)"));
        int grace = Integer.parseInt(setting(environment, "--grace (\\d+)"));
        assertTrue(timeout >= drainDelay + grace + 5, "TimeoutStopSec " + timeout + " < " + drainDelay + " + " + grace);
        for (String line : List.of(
                "KillSignal=SIGTERM",
                "SuccessExitStatus=143",
                "NoNewPrivileges=yes",
                "ProtectSystem=strict",
                "PrivateTmp=yes",
                "DynamicUser=yes",
                "CapabilityBoundingSet=\n")) {
            assertTrue(unit.contains(line), line);
        }
        int files = Integer.parseInt(setting(unit, "(?m)^LimitNOFILE=(\\d+)$"));
        int connections = Integer.parseInt(setting(environment, "--max-connections (\\d+)"));
        assertTrue(files > connections, "LimitNOFILE " + files + " holds --max-connections " + connections);
    }

    private static String setting(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }
}
