package io.ept.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition with a deadline; the failure message shows the last observed value. */
final class Await {

    private Await() {
    }

    static <T> T until(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last value: "
                + last + (lastError != null ? "; last error: " + lastError : ""));
    }
}
