/**
 * MicroProfile Health checks (liveness, readiness of MongoDB, Redis, JMS and the fabrics), shipped in ear/lib so
 * that every module's probes register with one health endpoint.
 *
 * <p>May depend on: MicroProfile Health, CDI.
 */
package io.ept.health;
