/**
 * Status and metrics: app-status, pipeline metrics, Micrometer meters, liveness and readiness registration.
 *
 * <p>May depend on: {@code io.ept.endpoint}, {@code .fabric}, {@code .messaging}, {@code .monitor}, {@code .platform},
 * ept-lib's {@code io.ept.health}, Micrometer.
 */
package io.ept.status;
