package io.ept.web.health;

import io.ept.status.AppStatus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.function.Supplier;

/** MicroProfile Health readiness (WildFly management port, /health/ready) for MongoDB, Redis and JMS. */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    AppStatus status;

    @Produces
    @Readiness
    HealthCheck mongodb() {
        return () -> response("ept-mongodb", status::mongoProblem);
    }

    @Produces
    @Readiness
    HealthCheck redis() {
        return () -> response("ept-redis", status::redisProblem);
    }

    @Produces
    @Readiness
    HealthCheck jms() {
        return () -> response("ept-jms", status::jmsProblem);
    }

    private static HealthCheckResponse response(String name, Supplier<String> problem) {
        String error = problem.get();
        return error == null
                ? HealthCheckResponse.named(name).up().build()
                : HealthCheckResponse.named(name).down().withData("error", error).build();
    }
}
