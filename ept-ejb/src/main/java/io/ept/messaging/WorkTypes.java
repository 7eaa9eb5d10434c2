package io.ept.messaging;

/** Values of the {@value #PROPERTY} message property. */
public final class WorkTypes {

    /** String property carrying the work type on every EPT JMS message. */
    public static final String PROPERTY = "ept_type";

    /** Pipeline self-test message: recorded in MongoDB and published on Redis by the consumer. */
    public static final String PROBE = "probe";

    /** Worker: one parsed epm event ({@link EpmWork}) from the subscriber, a refresh or the watcher's node-down. */
    public static final String EPM = "epm";

    /** Worker: epm events of one message group of endpoint keys ({@link EpmBatch}), analysed in order. */
    public static final String EPM_BATCH = "epm_batch";

    /** Worker: delete every record of one endpoint (API); ordered with the refresh that follows it. */
    public static final String ENDPOINT_DELETE = "endpoint_delete";

    /** Watcher: the work types of io.ept.analysis.watch.WatchJob, see io.ept.watch.WatchJobJson. */
    public static final String WATCH_MOVE = "watch_move";
    public static final String WATCH_STALE = "watch_stale";
    public static final String WATCH_OFFSUBNET = "watch_offsubnet";
    public static final String WATCH_RAPID = "watch_rapid";
    public static final String WATCH_NODE = "watch_node";

    private WorkTypes() {
    }
}
