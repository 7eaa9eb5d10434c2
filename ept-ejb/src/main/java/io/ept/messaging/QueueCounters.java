package io.ept.messaging;

/**
 * One JMS queue's live counters from the broker. {@code rxTotal} counts messages put on the queue since the broker
 * started, {@code txTotal} those taken off it (added minus still queued), {@code length} those waiting or in flight.
 */
public record QueueCounters(String queue, long length, long rxTotal, long txTotal, long delivering, long scheduled,
                            int consumers) {
}
