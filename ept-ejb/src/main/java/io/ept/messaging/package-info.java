/**
 * The work queues: message types and codecs ({@link io.ept.messaging.EpmBatch}), per-endpoint message groups,
 * priorities, queue statistics and the dead-letter queue.
 *
 * <p>May depend on: ept-core, {@code io.ept.endpoint}, {@code .fabric}, {@code .platform}, {@code .status},
 * {@code .watch}, Jakarta Messaging.
 */
package io.ept.messaging;
