/**
 * The load report: what a run of the load generator measured ({@link io.listlines.report.LoadReport}),
 * how its sessions ended ({@link io.listlines.report.Outcome}), its JSON, and the merge of several
 * generators' reports into one. Without Netty: the client writes it, the bench reads it.
 */
package io.listlines.report;
