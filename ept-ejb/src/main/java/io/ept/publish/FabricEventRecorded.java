package io.ept.publish;

import io.ept.fabric.FabricEvent;

/** CDI event: an entry was appended to a fabric's monitor event log (fired by the fabric repository's listener). */
public record FabricEventRecorded(String fabric, FabricEvent event) {
}
