/**
 * Live events fanned out over Redis pub/sub to every UI and API stream.
 *
 * <p>May depend on: {@code io.ept.fabric}, {@code io.ept.platform}.
 */
package io.ept.events;
