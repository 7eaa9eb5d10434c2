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
    private final Map<String, Supplier<Map<String, String>>> data = new ConcurrentHashMap<>();

    public void register(String name, Supplier<String> problem) {
        probes.put(name, problem);
    }

    /** Registers a supplier of data shown in a health check (e.g. fabric name to subscriber state). */
    public void registerData(String name, Supplier<Map<String, String>> supplier) {
        data.put(name, supplier);
    }

    /** The registered data, empty while none is registered or when it cannot be read. */
    public Map<String, String> data(String name) {
        Supplier<Map<String, String>> supplier = data.get(name);
        if (supplier == null) {
            return Map.of();
        }
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    /** The problem of a registered probe, null when it answers or when none is registered (yet). */
    public String problemIfRegistered(String name) {
        return probes.containsKey(name) ? problem(name) : null;
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
