package io.ept.status;

import io.ept.health.EptLiveness;
import io.ept.health.FabricsReadiness;
import io.ept.health.JmsReadiness;
import io.ept.fabric.FabricRepository;
import io.ept.monitor.FabricManager;
import java.util.Map;
import java.util.TreeMap;
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
@DependsOn({"Infrastructure", "FabricManager"})
public class ReadinessRegistration {

    @Inject
    ReadinessProbes probes;

    @Inject
    AppStatus status;

    @Inject
    Liveness liveness;

    @Inject
    FabricManager manager;

    @Inject
    FabricRepository fabrics;

    /** Every fabric's subscriber state on this node; only the running ones while the store does not answer. */
    Map<String, String> fabricStates() {
        Map<String, String> states = new TreeMap<>(manager.subscriberStates());
        try {
            fabrics.listFabrics().forEach(d -> states.putIfAbsent(d.getString("fabric"), "stopped"));
        } catch (RuntimeException e) {
            // the store is down (readiness says so): what this node runs is still known
        }
        return states;
    }

    @PostConstruct
    void register() {
        probes.register(MongoReadiness.PROBE, status::mongoProblem);
        probes.register(RedisReadiness.PROBE, status::redisProblem);
        probes.register(JmsReadiness.PROBE, status::jmsProblem);
        probes.register(EptLiveness.PROBE, liveness::problem);
        probes.registerData(FabricsReadiness.DATA, this::fabricStates);
    }
}
