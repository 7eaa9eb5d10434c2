/**
 * Validated values shared by the API, the UI and the store: endpoint addresses, fabric names, shell words (what
 * reaches a switch's shell line).
 *
 * <p>May depend on: ept-core's {@code io.ept.analysis.parse}, Jakarta JSON.
 */
package io.ept.domain;
