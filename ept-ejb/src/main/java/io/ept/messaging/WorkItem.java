package io.ept.messaging;

import java.util.Objects;

/**
 * One unit of work for the worker or watcher queue.
 *
 * @param type     what the consumer does with it (see {@link WorkTypes})
 * @param groupKey JMSXGroupID: every item of one key is consumed in order by one consumer of the pool
 *                 (for endpoints: fabric|vnid|addr, the IP for rewrite events)
 * @param priority JMSPriority 0-9; refresh and control work overtakes the backlog
 * @param body     JSON payload
 * @param events   for epm work, its fabric and events per APIC class ({@link WorkTypes#EVENTS_PROPERTY}), else null
 */
public record WorkItem(String type, String groupKey, int priority, String body, String events) {

    public static final int PRIORITY_NORMAL = 4;
    public static final int PRIORITY_REFRESH = 7;
    public static final int PRIORITY_CONTROL = 9;

    public WorkItem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(body, "body");
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("JMS priority must be 0-9, got " + priority);
        }
    }

    public WorkItem(String type, String groupKey, int priority, String body) {
        this(type, groupKey, priority, body, null);
    }
}
