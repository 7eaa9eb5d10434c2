/**
 * The fabric hierarchy (tenant, VRF, BD, EPG, endpoint) as the API and UI browse it.
 *
 * <p>May depend on: {@code io.ept.fabric}, {@code .platform}, MongoDB driver.
 */
package io.ept.hierarchy;
