/** results.md and the charts, drawn from the results; each scenario gives its own section and charts. */
package io.listlines.bench.report;
