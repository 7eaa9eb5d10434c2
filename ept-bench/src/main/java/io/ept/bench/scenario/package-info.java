/**
 * Benchmark scenarios: initial build, event load, raw store rate, analysis.
 */
package io.ept.bench.scenario;
