package io.ept.fabric.schema;

/** A request value that does not fit an object's schema; the message says which attribute and why. */
public class ValidationException extends IllegalArgumentException {

    public ValidationException(String message) {
        super(message);
    }
}
