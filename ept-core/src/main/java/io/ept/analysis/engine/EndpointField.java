package io.ept.analysis.engine;

/** Which parts of the ept.endpoint row an analysis changed (adapters $set only those). */
public enum EndpointField {
    /** The row did not exist: insert it whole. */
    CREATED,
    /** events, count and first_learn. */
    EVENTS,
    LEARN_TYPE,
    /** is_stale was cleared by the worker (only the watcher sets it). */
    IS_STALE,
    /** is_offsubnet was cleared by the worker (only the watcher sets it). */
    IS_OFFSUBNET,
    /** is_rapid, is_rapid_ts, rapid_lts, rapid_count, rapid_lcount, rapid_icount. */
    RAPID
}
