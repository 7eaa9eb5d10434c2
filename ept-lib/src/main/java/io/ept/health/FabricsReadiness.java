package io.ept.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * The state of each fabric's subscriber on this node (starting, building, running, failed, stopped) as the data of
 * check "ept-fabrics" in /health and /health/ready. Always UP: a fabric whose APIC is unreachable does not make the
 * node unable to serve (its state says what is wrong).
 */
@Readiness
@ApplicationScoped
public class FabricsReadiness implements HealthCheck {

    public static final String DATA = "fabrics";

    @Inject
    ReadinessProbes probes;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("ept-fabrics").up();
        for (Map.Entry<String, String> e : probes.data(DATA).entrySet()) {
            builder.withData(e.getKey(), e.getValue());
        }
        return builder.build();
    }
}
