/**
 * Findings (move, stale, off-subnet, rapid) and their workflow: acknowledgement, snooze, maintenance windows
 * ({@link io.ept.findings.SuppressionRules} is pure), the finding log and its retention.
 *
 * <p>May depend on: ept-core, {@code io.ept.endpoint}, {@code .fabric}, {@code .platform}, {@code .security},
 * MongoDB driver.
 */
package io.ept.findings;
