/**
 * The results table and timeline plots.
 */
package io.ept.bench.report;
