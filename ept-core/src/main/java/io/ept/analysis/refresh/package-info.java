/**
 * Which endpoints to re-read from the APIC after a configuration change (refresh planning).
 *
 * <p>May depend on: {@code io.ept.analysis.model}, {@code .parse}, and the JDK only.
 */
package io.ept.analysis.refresh;
