package io.ept.web.ui;

import io.ept.application.EndpointQueries;
import io.ept.application.FabricService;
import io.ept.application.FindingLog;
import io.ept.application.RecordQueries;
import io.ept.application.Tables;
import io.ept.endpoint.EndpointActions;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.QueueStatistics;
import io.ept.monitor.FabricManager;
import io.ept.monitor.FabricVerifier;
import io.ept.notify.NotificationService;
import io.ept.security.AccountService;
import io.ept.status.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The EJB-module services the UI uses, behind one application-scoped proxy: view-scoped beans hold this (it is
 * passivation capable) instead of injecting FabricRepository, a pseudo-scoped singleton that is not.
 */
@ApplicationScoped
public class UiServices {

    @Inject
    FabricRepository fabrics;

    @Inject
    FabricManager manager;

    @Inject
    FabricVerifier verifier;

    @Inject
    NotificationService notifications;

    @Inject
    FabricService fabricService;

    @Inject
    EndpointQueries endpointQueries;

    @Inject
    RecordQueries records;

    @Inject
    FindingLog findingLog;

    @Inject
    Tables tables;

    @Inject
    EndpointActions endpointActions;

    @Inject
    AccountService accounts;

    @Inject
    AppStatus appStatus;

    @Inject
    QueueStatistics queues;
    @Inject
    io.ept.findings.FindingControls findingControls;
    @Inject
    io.ept.inventory.InventoryService inventory;

    @Inject
    io.ept.messaging.DeadLetters deadLetters;

    public io.ept.messaging.DeadLetters deadLetters() {
        return deadLetters;
    }

    public FabricRepository fabrics() {
        return fabrics;
    }

    public FabricManager manager() {
        return manager;
    }

    public FabricVerifier verifier() {
        return verifier;
    }

    public NotificationService notifications() {
        return notifications;
    }

    public EndpointActions endpointActions() {
        return endpointActions;
    }

    public AccountService accounts() {
        return accounts;
    }

    public AppStatus appStatus() {
        return appStatus;
    }

    public QueueStatistics queueStatistics() {
        return queues;
    }

    public io.ept.inventory.InventoryService inventory() {
        return inventory;
    }

    public io.ept.findings.FindingControls findingControls() {
        return findingControls;
    }

    @Inject
    io.ept.application.ClusterService cluster;

    public io.ept.application.ClusterService cluster() {
        return cluster;
    }

    public FabricService fabricService() {
        return fabricService;
    }

    public EndpointQueries endpointQueries() {
        return endpointQueries;
    }

    public RecordQueries records() {
        return records;
    }

    public FindingLog findingLog() {
        return findingLog;
    }

    public Tables tables() {
        return tables;
    }
}
