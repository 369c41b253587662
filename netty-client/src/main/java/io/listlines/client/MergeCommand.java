package io.listlines.client;

import io.listlines.report.LoadReport;
import io.listlines.runtime.CommandFailure;
import io.listlines.runtime.NettyProgramVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netty-client merge}: the reports of generators that ran side by side, as one run, exactly. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        versionProvider = NettyProgramVersion.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Merges the JSON reports of load runs that ran side by side (load --json, from one machine or many) into one report and prints it as load does: counts and failures by cause summed, each latency histogram added and the percentiles read from the sum, the span from the earliest start to the latest end.",
            "Reports that cannot be one run (different framing, mode, think time or latencies) and reports without histograms (from an older load) are refused.",
            "Exits 0 when merged, 1 when a report cannot be read or merged, 2 on a bad command line.",
            ""
        })
public final class MergeCommand implements Callable<Integer> {
    @Option(names = "--json", paramLabel = "OUT", description = "Also write the merged report to OUT as JSON.")
    Path json;

    @Parameters(arity = "1..*", paramLabel = "REPORT.json", description = "Reports that load --json wrote.")
    List<Path> files;

    @Override
    public Integer call() {
        List<LoadReport> reports = new ArrayList<>();
        for (Path file : files) {
            try {
                reports.add(LoadReport.read(file));
            } catch (IOException e) {
                throw CommandFailure.failed("Cannot read " + e.getMessage() + ".");
            }
        }
        LoadReport merged;
        try {
            merged =
                    LoadReport.merge(reports, files.stream().map(Path::toString).toList());
        } catch (IllegalArgumentException e) {
            throw CommandFailure.failed(e.getMessage());
        }
        System.out.println(merged.toText());
        System.out.println("merged      " + files.size() + " reports"
                + (merged.startedAt().isEmpty() ? "" : ", from " + merged.startedAt() + " to " + merged.endedAt()));
        if (json != null) {
            try {
                Files.writeString(json, merged.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.failed("Cannot write the JSON report to " + json + ": " + e.getMessage());
            }
        }
        return 0;
    }
}
