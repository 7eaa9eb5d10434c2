package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ept.cluster.*: fabric ownership when several nodes share the fabrics (see io.ept.cluster.LeaseTerms).
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields.
 */
@Dependent
public class ClusterConfig {

    /**
     * Longest time before a fabric whose node died runs on another node; the lease lasts a third of it. Every node
     * of a cluster must use the same value.
     */
    @Inject
    @ConfigProperty(name = "ept.cluster.failover-seconds", defaultValue = "60")
    public long failoverSeconds;
}
