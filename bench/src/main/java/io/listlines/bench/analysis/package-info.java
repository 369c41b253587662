/**
 * What the results say, read from the results alone: the targets, the notes and the summary in
 * words. A run writes them, and {@code --redraw} reads them again.
 */
package io.listlines.bench.analysis;
