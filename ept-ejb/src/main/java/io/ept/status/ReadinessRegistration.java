package io.ept.status;

import io.ept.health.JmsReadiness;
import io.ept.health.MongoReadiness;
import io.ept.health.ReadinessProbes;
import io.ept.health.RedisReadiness;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Connects the readiness checks in ear/lib to EPT's service checks. */
@Singleton
@Startup
@DependsOn("Infrastructure")
public class ReadinessRegistration {

    @Inject
    ReadinessProbes probes;

    @Inject
    AppStatus status;

    @PostConstruct
    void register() {
        probes.register(MongoReadiness.PROBE, status::mongoProblem);
        probes.register(RedisReadiness.PROBE, status::redisProblem);
        probes.register(JmsReadiness.PROBE, status::jmsProblem);
    }
}
