/**
 * A probe that sends marked work through the pipeline to measure and check it end to end.
 *
 * <p>May depend on: {@code io.ept.messaging}, {@code .platform}.
 */
package io.ept.messaging.probe;
