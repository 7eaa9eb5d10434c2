/**
 * {@code ./ept soak}: a continuous event stream with injected faults, then a ground-truth comparison.
 */
package io.ept.bench.soak;
