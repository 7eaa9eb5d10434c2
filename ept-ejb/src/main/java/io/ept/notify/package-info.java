/**
 * Sending notifications: e-mail (Jakarta Mail) and syslog, and the per-fabric choice of what to notify.
 *
 * <p>May depend on: ept-core, {@code io.ept.endpoint}.
 */
package io.ept.notify;
