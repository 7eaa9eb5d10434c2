package io.ept.fabric;

/** One entry of a fabric's monitor event log (ept-reference 7.1 statuses: starting, running, failed, ...). */
public record FabricEvent(double timestamp, String status, String description) {
}
