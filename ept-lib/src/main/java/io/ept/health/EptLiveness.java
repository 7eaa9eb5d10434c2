package io.ept.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness (management port, /health/live): DOWN only when this node is wedged (deadlocked threads, the fabric
 * supervision no longer ticking, workers that take nothing off a waiting worker queue), never because MongoDB, Redis
 * or the broker are down: restarting the node would not bring them back. Readiness reports those.
 */
@Liveness
@ApplicationScoped
public class EptLiveness implements HealthCheck {

    public static final String PROBE = "liveness";

    @Inject
    ReadinessProbes probes;

    @Override
    public HealthCheckResponse call() {
        String problem = probes.problemIfRegistered(PROBE); // still starting: alive
        return problem == null
                ? HealthCheckResponse.named("ept-liveness").up().build()
                : HealthCheckResponse.named("ept-liveness").down().withData("error", problem).build();
    }
}
