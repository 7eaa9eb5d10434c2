package io.ept.web.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

final class HealthResponses {

    private HealthResponses() {
    }

    /** UP when there is no problem, otherwise DOWN with the problem as data. */
    static HealthCheckResponse of(String name, String problem) {
        return problem == null
                ? HealthCheckResponse.named(name).up().build()
                : HealthCheckResponse.named(name).down().withData("error", problem).build();
    }
}
