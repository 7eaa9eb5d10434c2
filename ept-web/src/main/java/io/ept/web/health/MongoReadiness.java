package io.ept.web.health;

import io.ept.status.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health readiness (management port, /health/ready): does mongodb answer? */
@Readiness
@ApplicationScoped
public class MongoReadiness implements HealthCheck {

    @Inject
    AppStatus status;

    @Override
    public HealthCheckResponse call() {
        return HealthResponses.of("ept-mongodb", status.mongoProblem());
    }
}
