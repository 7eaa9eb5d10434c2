package io.ept.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionEvaluationListener;
import org.awaitility.core.EvaluatedCondition;
import org.awaitility.core.IgnoredException;
import org.awaitility.core.TimeoutEvent;

import java.time.Duration;

/**
 * How the ITs wait for the application (Awaitility's {@code await("what").atMost(timeout).until(probe, done)}):
 * the probe runs at once and then every 200 ms, in the test's own thread, and a RuntimeException of the probe
 * (the application briefly unreachable, a row not there yet) means "not yet", not a failure; an AssertionError
 * still fails at once. A timeout names what was awaited and the last value; the last ignored error, if any, is
 * printed with it.
 */
final class AwaitDefaults {

    private AwaitDefaults() {
    }

    static void apply() {
        Awaitility.reset();
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(200));
        Awaitility.pollInSameThread();
        Awaitility.ignoreExceptionsByDefaultMatching(e -> e instanceof RuntimeException);
        Awaitility.setDefaultConditionEvaluationListener(new LastIgnoredError());
    }

    /** Remembers the probe's last ignored error (polling is in the test's thread) and prints it on a timeout. */
    private static final class LastIgnoredError implements ConditionEvaluationListener<Object> {
        private final ThreadLocal<Throwable> last = new ThreadLocal<>();

        @Override
        public void conditionEvaluated(EvaluatedCondition<Object> condition) {
            last.remove();
        }

        @Override
        public void exceptionIgnored(IgnoredException ignored) {
            last.set(ignored.getThrowable());
        }

        @Override
        public void onTimeout(TimeoutEvent timeout) {
            Throwable error = last.get();
            if (error != null) {
                System.err.println("timed out waiting for " + timeout.getAlias() + "; last error: " + error);
            }
            last.remove();
        }
    }
}
