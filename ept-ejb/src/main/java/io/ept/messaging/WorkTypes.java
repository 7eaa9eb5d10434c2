package io.ept.messaging;

/** Values of the {@value #PROPERTY} message property. */
public final class WorkTypes {

    /** String property carrying the work type on every EPT JMS message. */
    public static final String PROPERTY = "ept_type";

    /**
     * String property of epm work: its fabric and how many events of each APIC class it carries, as
     * {@code fabric;epmMacEp=3,epmIpEp=2} (see {@link #eventCounts}). Lets the consumer count processed and dropped
     * events per fabric and class without parsing the body twice.
     */
    public static final String EVENTS_PROPERTY = "ept_events";

    /** Formats {@link #EVENTS_PROPERTY}. */
    public static String eventCounts(String fabric, java.util.Map<String, Integer> counts) {
        StringBuilder out = new StringBuilder(fabric).append(';');
        counts.forEach((cls, n) -> out.append(out.charAt(out.length() - 1) == ';' ? "" : ",").append(cls).append('=').append(n));
        return out.toString();
    }

    /** The fabric of an {@link #EVENTS_PROPERTY} value. */
    public static String eventsFabric(String value) {
        int semi = value.lastIndexOf(';');
        return semi < 0 ? value : value.substring(0, semi);
    }

    /** The counts per class of an {@link #EVENTS_PROPERTY} value (malformed parts are skipped). */
    public static java.util.Map<String, Integer> eventsCounts(String value) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        int semi = value.lastIndexOf(';');
        if (semi < 0) {
            return counts;
        }
        for (String part : value.substring(semi + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    counts.merge(part.substring(0, eq), Integer.parseInt(part.substring(eq + 1)), Integer::sum);
                } catch (NumberFormatException e) {
                    // skipped
                }
            }
        }
        return counts;
    }

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
    /** Watcher: several of the jobs above, due at the same time (io.ept.watch.WatchJobJson#batchToJson). */
    public static final String WATCH_BATCH = "watch_batch";

    private static final java.util.Set<String> KNOWN = java.util.Set.of(PROBE, EPM, EPM_BATCH, ENDPOINT_DELETE, WATCH_MOVE,
            WATCH_STALE, WATCH_OFFSUBNET, WATCH_RAPID, WATCH_NODE, WATCH_BATCH);

    /** Whether a consumer has a handler for the type (anything else can never be processed). */
    public static boolean isKnown(String type) {
        return KNOWN.contains(type);
    }

    private WorkTypes() {
    }
}
