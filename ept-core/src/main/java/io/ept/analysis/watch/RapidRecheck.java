package io.ept.analysis.watch;

/** Outcome of a due rapid watch. */
public enum RapidRecheck {
    /** No longer rapid: publish refresh_ept for the endpoint. */
    REFRESH,
    /** Still rapid by the stored counters: nothing to do. */
    STILL_RAPID,
    /** The endpoint row no longer exists. */
    ENDPOINT_GONE
}
