/** The programs' start-up times through their launchers. */
package io.listlines.bench.scenario.startup;
