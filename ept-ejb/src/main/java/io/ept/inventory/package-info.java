/**
 * Node and configuration inventory of a fabric and its history between builds.
 *
 * <p>May depend on: {@code io.ept.endpoint}, {@code .fabric}, {@code .platform}, MongoDB driver.
 */
package io.ept.inventory;
