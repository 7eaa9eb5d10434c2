package io.ept.messaging;

/** Values of the {@value #PROPERTY} message property. */
public final class WorkTypes {

    /** String property carrying the work type on every EPT JMS message. */
    public static final String PROPERTY = "ept_type";

    /** Pipeline self-test message: recorded in MongoDB and published on Redis by the consumer. */
    public static final String PROBE = "probe";

    private WorkTypes() {
    }
}
