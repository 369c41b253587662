package io.listlines.bench.proc;

import io.listlines.bench.model.ServerModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which of Netty's transports this machine has, as netty-server finds them: learned by running
 * {@code io.listlines.runtime.TransportAvailability} from netty-server.jar, so that the bench loads no
 * Netty. Every transport is missing, each with the reason, when the jar cannot say.
 *
 * @param unavailable why each transport this machine lacks is missing, by name
 */
public record Transports(List<String> available, Map<String, String> unavailable) {
    private static final String PROBE = "io.listlines.runtime.TransportAvailability";

    /** Asks netty-server.jar, run by {@code java}, which transports it finds here. */
    public static Transports probe(String java, Path serverJar) {
        if (!Files.isRegularFile(serverJar)) {
            return none(serverJar + " does not exist (build it with mvn package)");
        }
        try {
            Process process = Children.start(
                    new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", serverJar.toString(), PROBE)
                            .redirectErrorStream(true));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                Children.kill(process);
                return none("netty-server.jar did not say which transports it has within 60 s");
            }
            Children.reaped(process);
            return parse(output);
        } catch (IOException e) {
            return none("netty-server.jar could not say which transports it has: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("interrupted");
        }
    }

    /** The probe's lines: {@code NAME available} or {@code NAME unavailable: CAUSE}; a transport not named is missing. */
    public static Transports parse(String output) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<String> said = output.lines().map(String::trim).toList();
        List<String> available = ServerModel.TRANSPORTS.stream()
                .filter(t -> said.contains(t + " available"))
                .toList();
        for (String transport : ServerModel.TRANSPORTS) {
            if (available.contains(transport)) {
                continue;
            }
            String cause = said.stream()
                    .filter(l -> l.startsWith(transport + " unavailable: "))
                    .map(l -> l.substring((transport + " unavailable: ").length()))
                    .findFirst()
                    .orElse(null);
            unavailable.put(
                    transport,
                    "transport " + transport + " is not available on this machine"
                            + (cause != null && !cause.equals("?") ? " (" + cause + ")" : ""));
        }
        return new Transports(available, unavailable);
    }

    private static Transports none(String why) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        ServerModel.TRANSPORTS.forEach(t -> unavailable.put(t, why));
        return new Transports(List.of(), unavailable);
    }

    /** Null if this machine can run {@code model} (a threaded model always), else why not. */
    public String unavailableReason(ServerModel model) {
        return model.isNetty() ? unavailable.get(model.transport()) : null;
    }
}
