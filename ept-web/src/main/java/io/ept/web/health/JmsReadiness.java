package io.ept.web.health;

import io.ept.status.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health readiness (management port, /health/ready): does jms answer? */
@Readiness
@ApplicationScoped
public class JmsReadiness implements HealthCheck {

    @Inject
    AppStatus status;

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of("ept-jms", status.jmsProblem());
    }
}
