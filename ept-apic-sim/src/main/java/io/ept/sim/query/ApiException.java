package io.ept.sim.query;

/** An error the APIC reports in its envelope: {"error":{"attributes":{"code":..,"text":..}}}. */
public final class ApiException extends RuntimeException {
    public final int httpStatus;
    public final String code;

    public ApiException(int httpStatus, String text) {
        super(text);
        this.httpStatus = httpStatus;
        this.code = Integer.toString(httpStatus);
    }
}
