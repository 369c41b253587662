package io.listlines.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.listlines.client.NettyClientCommand;
import io.listlines.core.Cidr;
import io.listlines.e2e.kit.ServerProcess;
import io.listlines.protocol.Protocol;
import io.listlines.server.NettyServerCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * deploy/kubernetes/ checked without a cluster: the manifests parsed as YAML and held to the programs they run
 * (every flag one the program has, the ports its launchers and image use, probe paths a live server answers),
 * to the shutdown they rely on (the grace period covers --drain-delay and --grace), and to the sizes
 * docs/fleet.md derives (open files, heap, memory per connection).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KubernetesManifestsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path MANIFESTS = ROOT.resolve("deploy/kubernetes");

    /** The JVM's exit after the grace ends, and the kubelet's signal, take some seconds of their own. */
    private static final int SHUTDOWN_MARGIN_SECONDS = 5;

    /** The JVM's own open files beside one per connection (deploy/systemd's unit says some 200). */
    private static final int JVM_FILES = 200;

    /**
     * Measured costs docs/fleet.md sizes a server pod with: idle RSS (docs/bench/results.md, 109.6-118.8 MB), RSS
     * per held connection at its peak under churn (io_uring, 3,689 B) and the kernel's per socket (design.md,
     * about 3.5 KB), which a pod's memory cgroup is charged with.
     */
    private static final long IDLE_RSS = 120_000_000L;

    private static final long RSS_PER_CONNECTION = 3_689;
    private static final long KERNEL_PER_CONNECTION = 3_584;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyServerFlagIsOneTheServerHas() throws IOException {
        Set<String> known = options(new CommandLine(new NettyServerCommand()).getCommandSpec());
        List<String> flags = new ArrayList<>(flagsIn(serverContainer().get("args")));
        for (JsonNode op : proxyProtocolArgsPatch()) {
            flags.add(op.get("value").asText());
        }
        Set<String> unknown = new TreeSet<>();
        for (String flag : flags) {
            if (flag.startsWith("-") && !known.contains(flag)) {
                unknown.add(flag);
            }
        }
        assertTrue(unknown.isEmpty(), "flags netty-server --help does not list: " + unknown);
    }

    @Test
    void everyLoadFlagIsOneTheGeneratorHas() throws IOException {
        CommandLine client = new CommandLine(new NettyClientCommand());
        Set<String> known = options(client.getSubcommands().get("load").getCommandSpec());
        Matcher m = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)").matcher(generatorScript());
        Set<String> unknown = new TreeSet<>();
        while (m.find()) {
            String flag = m.group(1);
            if (!known.contains(flag)) {
                unknown.add(flag);
            }
        }
        assertTrue(unknown.isEmpty(), "flags netty-client load --help does not list: " + unknown);
    }

    @Test
    void portsAreTheLaunchersAndTheImages() throws IOException {
        JsonNode container = serverContainer();
        Map<String, String> args = flagValues(container.get("args"));
        int metricsPort = imageMetricsPort();
        assertEquals(String.valueOf(Protocol.DEFAULT_PORT), args.get("--port"), "--port");
        assertEquals(String.valueOf(metricsPort), args.get("--metrics-port"), "--metrics-port, as the image's CMD");
        assertEquals(Protocol.DEFAULT_PORT, containerPort(container, "listlines"));
        assertEquals(metricsPort, containerPort(container, "metrics"));
        JsonNode template = deployment().get("spec").get("template");
        assertEquals(
                String.valueOf(metricsPort),
                template.at("/metadata/annotations/prometheus.io~1port").asText());

        JsonNode service = kind(read("server.yaml"), "Service");
        Map<String, Integer> servicePorts = new HashMap<>();
        for (JsonNode port : service.at("/spec/ports")) {
            servicePorts.put(port.get("targetPort").asText(), port.get("port").asInt());
            assertEquals(
                    containerPort(container, port.get("targetPort").asText()),
                    port.get("port").asInt());
        }
        assertEquals(Set.of("listlines", "metrics"), servicePorts.keySet());
        assertEquals(
                template.at("/metadata/labels"), service.at("/spec/selector"), "the Service selects the server's pods");

        String script = generatorScript();
        assertTrue(
                script.contains("--target " + service.at("/metadata/name").asText() + ":" + Protocol.DEFAULT_PORT),
                "the generators load the Service on the default port:\n" + script);
        Matcher generatorMetrics = Pattern.compile("--metrics-port (\\d+)").matcher(script);
        assertTrue(generatorMetrics.find(), "the generators serve metrics");
        assertEquals(containerPort(generatorContainer(), "metrics"), Integer.parseInt(generatorMetrics.group(1)));

        JsonNode balancer = proxyProtocolService();
        assertEquals(
                String.valueOf(metricsPort),
                balancer.at("/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-healthcheck-port")
                        .asText());
    }

    @Test
    void theGracePeriodCoversDrainAndGrace() throws IOException {
        Map<String, String> args = flagValues(serverContainer().get("args"));
        int drain = Integer.parseInt(args.getOrDefault("--drain-delay", "0"));
        int grace = Integer.parseInt(args.getOrDefault("--grace", "10")); // the server's default
        int period = deployment()
                .at("/spec/template/spec/terminationGracePeriodSeconds")
                .asInt();
        assertTrue(drain > 0, "a --drain-delay, so that endpoints and load balancers catch up before accepts stop");
        assertTrue(
                period >= drain + grace + SHUTDOWN_MARGIN_SECONDS,
                "terminationGracePeriodSeconds " + period + " < --drain-delay " + drain + " + --grace " + grace + " + "
                        + SHUTDOWN_MARGIN_SECONDS);
        JsonNode readiness = serverContainer().get("readinessProbe");
        int notice = readiness.get("periodSeconds").asInt()
                * readiness.get("failureThreshold").asInt();
        assertTrue(notice <= drain, "the readiness probe notices a draining server within --drain-delay: " + notice);
    }

    @Test
    void theProbesAskPathsALiveServerServes() throws Exception {
        JsonNode container = serverContainer();
        List<String> paths = List.of(
                container.at("/readinessProbe/httpGet/path").asText(),
                container.at("/livenessProbe/httpGet/path").asText(),
                proxyProtocolService()
                        .at("/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-healthcheck-path")
                        .asText());
        assertEquals("metrics", container.at("/readinessProbe/httpGet/port").asText());
        assertEquals("metrics", container.at("/livenessProbe/httpGet/port").asText());
        try (ServerProcess server =
                new ServerProcess(List.of(NettyServerCommand.class.getName()), "--quiet", "--metrics-port", "0")) {
            int metrics = Integer.parseInt(server.await("Metrics on").replaceAll(".*:(\\d+)/metrics.*", "$1"));
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (String path : paths) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), path + " on a running server: " + response.body());
            }
        }
    }

    @Test
    void theServerPodFitsItsConnections() throws IOException {
        JsonNode container = serverContainer();
        long connections = Long.parseLong(flagValues(container.get("args")).get("--max-connections"));
        Matcher ulimit = Pattern.compile("ulimit -Sn (\\d+)")
                .matcher(container.get("command").toString());
        assertTrue(ulimit.find(), "the command raises the open-file limit: " + container.get("command"));
        assertTrue(Long.parseLong(ulimit.group(1)) >= connections + JVM_FILES, "open files for every connection");

        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(env(container, "LISTLINES_JAVA_OPTS"));
        assertTrue(xmx.find(), "a heap cap for the connections");
        long heap = Long.parseLong(xmx.group(1)) << 20;
        assertTrue(heap >= (64L << 20) + 2048 * connections, "-Xmx at least 64 MB + 2 KB per connection");

        long needed = IDLE_RSS + connections * (RSS_PER_CONNECTION + KERNEL_PER_CONNECTION);
        long request = bytes(container.at("/resources/requests/memory").asText());
        long limit = bytes(container.at("/resources/limits/memory").asText());
        assertTrue(request >= needed, "memory request " + request + " below the " + needed + " measured costs ask");
        assertTrue(limit >= request, "memory limit below the request");
    }

    @Test
    void bothRunAsTheImagesUserOnAReadOnlyRoot() throws IOException {
        for (JsonNode template : List.of(deployment().at("/spec/template"), job().at("/spec/template"))) {
            assertEquals(65532, template.at("/spec/securityContext/runAsUser").asInt());
            JsonNode container = template.at("/spec/containers/0");
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
            boolean tmp = false;
            for (JsonNode mount : container.get("volumeMounts")) {
                tmp |= mount.get("mountPath").asText().equals("/tmp");
            }
            assertTrue(tmp, "a writable /tmp, where Netty unpacks its native transports");
            assertEquals(
                    "listlines:" + projectVersion(),
                    container.get("image").asText(),
                    "the image mvn package -Pimage makes (distribution/pom.xml names it listlines:VERSION)");
        }
    }

    @Test
    void theGeneratorsAreAnIndexedJobStartingTogether() throws IOException {
        JsonNode job = job();
        JsonNode spec = job.get("spec");
        assertEquals("Indexed", spec.get("completionMode").asText());
        int generators = Integer.parseInt(env(generatorContainer(), "GENERATORS"));
        assertEquals(generators, spec.get("completions").asInt(), "completions = GENERATORS");
        assertEquals(generators, spec.get("parallelism").asInt(), "every generator at once");
        String script = generatorScript();
        for (String part :
                List.of("JOB_COMPLETION_INDEX", "--start-at \"$START_AT\"", "--json ", "netty-client load")) {
            assertTrue(script.contains(part), "the generators' script has " + part + ":\n" + script);
        }
        assertEquals("@START_AT@", env(generatorContainer(), "START_AT"), "the placeholder docs/fleet.md replaces");
        assertTrue(
                Files.readString(ROOT.resolve("docs/fleet.md")).contains("netty-client merge"),
                "docs/fleet.md says how the reports are merged");
    }

    @Test
    void prometheusFindsEveryPodOnItsMetricsPort() throws IOException {
        JsonNode config =
                YAML.readTree(MANIFESTS.resolve("prometheus-scrape.yml").toFile());
        Map<String, JsonNode> jobs = new HashMap<>();
        for (JsonNode scrape : config.get("scrape_configs")) {
            jobs.put(scrape.get("job_name").asText(), scrape);
            assertEquals("pod", scrape.at("/kubernetes_sd_configs/0/role").asText());
            assertEquals("metrics", keepRegex(scrape, "__meta_kubernetes_pod_container_port_name"));
            assertEquals("true", keepRegex(scrape, "__meta_kubernetes_pod_annotation_prometheus_io_scrape"));
        }
        Map<String, JsonNode> templates = Map.of(
                "listlines-server", deployment().at("/spec/template"),
                "listlines-generator", job().at("/spec/template"));
        assertEquals(templates.keySet(), jobs.keySet());
        for (Map.Entry<String, JsonNode> entry : templates.entrySet()) {
            JsonNode scrape = jobs.get(entry.getKey());
            JsonNode pod = entry.getValue();
            assertEquals(
                    keepRegex(scrape, "__meta_kubernetes_pod_label_app_kubernetes_io_name"),
                    pod.at("/metadata/labels/app.kubernetes.io~1name").asText());
            assertEquals(
                    keepRegex(scrape, "__meta_kubernetes_pod_label_app_kubernetes_io_component"),
                    pod.at("/metadata/labels/app.kubernetes.io~1component").asText());
            assertEquals(
                    "true",
                    pod.at("/metadata/annotations/prometheus.io~1scrape").asText());
            containerPort(pod.at("/spec/containers/0"), "metrics");
        }
    }

    @Test
    void theProxyProtocolVariantTrustsABlock() throws IOException {
        List<String> added = new ArrayList<>();
        for (JsonNode op : proxyProtocolArgsPatch()) {
            added.add(op.get("value").asText());
        }
        assertTrue(added.contains("--proxy-protocol"), "the variant turns PROXY protocol on: " + added);
        int trusted = added.indexOf("--proxy-trusted");
        assertTrue(trusted >= 0 && trusted + 1 < added.size(), "--proxy-trusted and its block: " + added);
        Cidr.parse("--proxy-trusted", added.get(trusted + 1));
        assertEquals("LoadBalancer", proxyProtocolService().at("/spec/type").asText());
    }

    private static String keepRegex(JsonNode scrape, String sourceLabel) {
        for (JsonNode relabel : scrape.get("relabel_configs")) {
            if (relabel.path("action").asText().equals("keep")
                    && relabel.at("/source_labels/0").asText().equals(sourceLabel)) {
                return relabel.get("regex").asText();
            }
        }
        throw new AssertionError(scrape.get("job_name") + " keeps no targets by " + sourceLabel);
    }

    private static JsonNode deployment() throws IOException {
        return kind(read("server.yaml"), "Deployment");
    }

    private static JsonNode serverContainer() throws IOException {
        return deployment().at("/spec/template/spec/containers/0");
    }

    private static JsonNode job() throws IOException {
        return kind(read("generators.yaml"), "Job");
    }

    private static JsonNode generatorContainer() throws IOException {
        return job().at("/spec/template/spec/containers/0");
    }

    /** The shell script the generator's container runs: bash -c SCRIPT. */
    private static String generatorScript() throws IOException {
        JsonNode command = generatorContainer().get("command");
        assertEquals("-c", command.get(1).asText(), "bash -c SCRIPT");
        return command.get(2).asText();
    }

    private static JsonNode proxyProtocolService() throws IOException {
        return kind(read("proxy-protocol/service-load-balancer.yaml"), "Service");
    }

    /** The JSON patch the proxy-protocol variant adds to the server's args with. */
    private static List<JsonNode> proxyProtocolArgsPatch() throws IOException {
        JsonNode kustomization = kind(read("proxy-protocol/kustomization.yaml"), "Kustomization");
        List<JsonNode> ops = new ArrayList<>();
        for (JsonNode patch : kustomization.get("patches")) {
            if (patch.has("patch")) {
                for (JsonNode op : YAML.readTree(patch.get("patch").asText())) {
                    assertEquals(
                            "/spec/template/spec/containers/0/args/-",
                            op.get("path").asText());
                    ops.add(op);
                }
            }
        }
        return ops;
    }

    private static List<JsonNode> read(String manifest) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(MANIFESTS.resolve(manifest).toFile())) {
            return documents.readAll();
        }
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + documents));
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.get("ports")) {
            if (port.get("name").asText().equals(name)) {
                return port.get("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name + " in " + container.get("ports"));
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode variable : container.get("env")) {
            if (variable.get("name").asText().equals(name)) {
                return variable.get("value").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + container.get("env"));
    }

    /** The flags in a container's args (each long name, or a short one). */
    private static List<String> flagsIn(JsonNode args) {
        List<String> flags = new ArrayList<>();
        for (JsonNode arg : args) {
            if (arg.asText().startsWith("-")) {
                flags.add(arg.asText());
            }
        }
        return flags;
    }

    /** Each flag with the value after it (or "" for one followed by another flag). */
    private static Map<String, String> flagValues(JsonNode args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).asText();
            if (arg.startsWith("--")) {
                boolean valued =
                        i + 1 < args.size() && !args.get(i + 1).asText().startsWith("--");
                values.put(arg, valued ? args.get(++i).asText() : "");
            }
        }
        return values;
    }

    private static Set<String> options(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            names.addAll(List.of(option.names()));
        }
        return names;
    }

    /** The metrics port the image's default flags give (distribution/pom.xml), which deploy/systemd uses too. */
    private static int imageMetricsPort() throws IOException {
        Matcher m = Pattern.compile("<image\\.metrics\\.port>(\\d+)</image\\.metrics\\.port>")
                .matcher(Files.readString(ROOT.resolve("distribution/pom.xml")));
        assertTrue(m.find(), "distribution/pom.xml names the image's metrics port");
        int port = Integer.parseInt(m.group(1));
        assertTrue(
                Files.readString(ROOT.resolve("deploy/systemd/listlines-server.env"))
                        .contains("--metrics-port " + port),
                "the systemd unit serves metrics on the image's port");
        return port;
    }

    /** This build's version, as end-to-end/pom.xml's parent gives it. */
    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("end-to-end/pom.xml")));
        assertTrue(m.find(), "end-to-end/pom.xml names its parent's version");
        return m.group(1);
    }

    /** A Kubernetes memory quantity (binary suffixes only, as the manifests use). */
    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
        if (!m.matches()) {
            fail("not a memory quantity of the kind the manifests use: " + quantity);
        }
        int shift = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            case "Gi" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }
}
