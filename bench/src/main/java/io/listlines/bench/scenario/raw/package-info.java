/** The raw-framing race: the article's own Python servers beside the Java models. */
package io.listlines.bench.scenario.raw;
