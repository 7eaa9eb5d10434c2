/**
 * The message-driven beans: workers and watchers on the prioritized queues. Thin: each hands the message to
 * {@code io.ept.messaging}'s handlers.
 *
 * <p>May depend on: {@code io.ept.messaging}, {@code .platform}, {@code .status}, Jakarta Messaging and EJB.
 */
package io.ept.jms;
