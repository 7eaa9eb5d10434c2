/**
 * JMH benchmark of the analysis alone (ept-core) on a synthetic fabric.
 */
package io.ept.bench.analysis;
