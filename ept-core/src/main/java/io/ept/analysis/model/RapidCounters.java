package io.ept.analysis.model;

/**
 * Rapid detection counters persisted on ept.endpoint ({@code is_rapid, is_rapid_ts, rapid_lts,
 * rapid_count, rapid_lcount, rapid_icount}).
 */
public record RapidCounters(boolean isRapid, double isRapidTs, double rapidLts, long rapidCount, long rapidLcount,
                            long rapidIcount) {
    public static final RapidCounters ZERO = new RapidCounters(false, 0, 0, 0, 0, 0);
}
