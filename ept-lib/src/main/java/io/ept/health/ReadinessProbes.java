package io.ept.health;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Probes registered by the EJB module at startup: each returns null when its service answers, or the problem.
 * Shared through ear/lib so the readiness checks (which must live here) can call into the EJB module.
 */
@ApplicationScoped
public class ReadinessProbes {

    private final Map<String, Supplier<String>> probes = new ConcurrentHashMap<>();

    public void register(String name, Supplier<String> problem) {
        probes.put(name, problem);
    }

    /** The problem, null when the service answers, or a message when no probe is registered yet. */
    public String problem(String name) {
        Supplier<String> probe = probes.get(name);
        if (probe == null) {
            return "EPT is starting: no " + name + " probe registered yet";
        }
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
