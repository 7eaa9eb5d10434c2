package io.ept.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness (management port, /health/ready): does mongodb answer? */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    public static final String PROBE = "mongodb";

    @Inject
    ReadinessProbes probes;

    @Override
    public HealthCheckResponse call() {
        String problem = probes.problem(PROBE);
        return problem == null
                ? HealthCheckResponse.named("ept-" + PROBE).up().build()
                : HealthCheckResponse.named("ept-" + PROBE).down().withData("error", problem).build();
    }
}
