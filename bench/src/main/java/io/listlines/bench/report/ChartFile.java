package io.listlines.bench.report;

import java.util.function.Supplier;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of a report: its file in the output directory, the words results.md shows for it, and
 * how to draw it from the results. A scenario lists its own; the report draws and links what they list.
 */
public record ChartFile(String file, String alt, Supplier<Chart<?, ?>> draw) {}
