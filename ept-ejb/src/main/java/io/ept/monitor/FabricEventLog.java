package io.ept.monitor;

import io.ept.fabric.FabricEvent;
import io.ept.fabric.FabricRepository;

/** One fabric's event log (starting, initializing, running, warning, failed ...), as the parts of a subscriber write it. */
public final class FabricEventLog {

    private final String fabric;
    private final FabricRepository fabrics;

    public FabricEventLog(String fabric, FabricRepository fabrics) {
        this.fabric = fabric;
        this.fabrics = fabrics;
    }

    public void add(String status, String description) {
        fabrics.addEvent(fabric, new FabricEvent(now(), status, description));
    }

    /** Epoch seconds: the unit of every timestamp the monitor writes. */
    public static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
