package io.ept.apic;

/** The APIC answered with an error, or could not be reached. {@code status} 0 means no HTTP answer. */
public class ApicException extends RuntimeException {

    private final int status;

    public ApicException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApicException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 429 and 503 ask the client to slow down: back off and retry, it is not a failure of the fabric. */
    public boolean isBusy() {
        return status == 429 || status == 503;
    }
}
