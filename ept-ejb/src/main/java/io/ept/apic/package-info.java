/**
 * The APIC client: login and token refresh, class and MO queries, the websocket subscription, certificate pinning
 * ({@link io.ept.apic.ApicSession}, {@link io.ept.apic.ApicWebsocket}). Every payload is validated before use.
 *
 * <p>May depend on: {@code io.ept.platform}, Jakarta JSON.
 */
package io.ept.apic;
