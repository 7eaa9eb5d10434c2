/**
 * The watcher: delayed rechecks of findings (Redis-registered, JMS-scheduled), and their outcome (notify, clear).
 *
 * <p>May depend on: ept-core, {@code io.ept.endpoint}, {@code .endpoint.clear}, {@code .events}, {@code .findings},
 * {@code .messaging}, {@code .notify}, {@code .platform}.
 */
package io.ept.watch;
