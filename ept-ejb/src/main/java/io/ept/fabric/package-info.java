/**
 * Fabrics: their stored configuration and status ({@link io.ept.fabric.FabricRepository},
 * {@link io.ept.fabric.FabricStore}), the settings' schema, trust pins, and the fabric change announcements.
 *
 * <p>May depend on: {@code io.ept.apic}, {@code .endpoint}, {@code .events}, {@code .platform}, {@code .security},
 * {@code .watch}, MongoDB driver.
 */
package io.ept.fabric;
