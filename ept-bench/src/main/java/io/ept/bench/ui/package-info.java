/**
 * {@code ./ept bench ui}: page weights and table filter times on a large synthetic fabric.
 */
package io.ept.bench.ui;
