/**
 * What a run found, as plain records: the shape of results.json ({@link io.listlines.bench.model.Results},
 * with its schemaVersion), the server models, the yardsticks ({@link io.listlines.bench.model.YardstickResult}:
 * a model's CPU and memory as multiples of theirs), the machine. Nothing here runs anything.
 */
package io.listlines.bench.model;
