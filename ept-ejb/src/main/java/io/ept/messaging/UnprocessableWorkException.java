package io.ept.messaging;

/**
 * A message that cannot be processed as it is (malformed body, unknown type). The consumer rolls back, Artemis
 * redelivers with back-off and finally parks the message on the dead-letter queue: logged and kept, never dropped.
 */
public class UnprocessableWorkException extends RuntimeException {

    public UnprocessableWorkException(String message) {
        super(message);
    }

    public UnprocessableWorkException(String message, Throwable cause) {
        super(message, cause);
    }
}
