package io.ept.analysis.model;

/** One entry of ept.rapid.events. */
public record RapidEvent(double ts, long count, double rate, String vnidName) {
}
