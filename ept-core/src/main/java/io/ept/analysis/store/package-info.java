/**
 * An in-memory endpoint store for unit tests and the analysis benchmark (the real one is MongoDB, in ept-ejb).
 *
 * <p>May depend on: {@code io.ept.analysis.engine}, {@code .model}, and the JDK only.
 */
package io.ept.analysis.store;
