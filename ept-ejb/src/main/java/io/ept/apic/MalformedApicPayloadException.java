package io.ept.apic;

/** An APIC answer or websocket frame that does not have the APIC's shape. */
public class MalformedApicPayloadException extends RuntimeException {

    public MalformedApicPayloadException(String message) {
        super(message);
    }

    public MalformedApicPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
