package io.ept.domain;

/** A request or APIC value that fails its type: the message starts with the field's name ("addr: ..."). */
public class InvalidValueException extends IllegalArgumentException {
    private final String field;

    public InvalidValueException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
