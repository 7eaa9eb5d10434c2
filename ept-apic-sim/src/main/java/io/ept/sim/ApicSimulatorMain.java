package io.ept.sim;

/** Placeholder entry point; the simulator is being written in this module. */
public final class ApicSimulatorMain {
    public static void main(String[] args) {
        System.err.println("ept-apic-sim: not built yet");
        System.exit(1);
    }
}
