/**
 * The REST API (JAX-RS, EPT 2.x routes, OpenAPI contract in META-INF/openapi.yaml): thin resources that
 * validate input and call the application services.
 *
 * <p>May depend on: ept-ejb's services and values, {@code io.ept.web.security}, JAX-RS, Jakarta JSON.
 */
package io.ept.web.api;
