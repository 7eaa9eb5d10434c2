package io.ept.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness (management port, /health/ready): does jms answer? */
@Readiness
@ApplicationScoped
public class JmsReadiness implements HealthCheck {

    public static final String PROBE = "jms";

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
