/**
 * Notifications of findings as the original formats them (subject and body for e-mail and syslog); sending them is
 * ept-ejb's {@code io.ept.notify}.
 *
 * <p>May depend on: {@code io.ept.analysis.model}, {@code .lookup}, and the JDK only.
 */
package io.ept.analysis.notify;
