/**
 * Publishing findings to other systems: webhooks (HMAC-signed, retried) and the EptEvents JMS topic.
 *
 * <p>May depend on: {@code io.ept.fabric}, {@code .findings}, {@code .platform}, {@code .security}, Jakarta Messaging.
 */
package io.ept.publish;
