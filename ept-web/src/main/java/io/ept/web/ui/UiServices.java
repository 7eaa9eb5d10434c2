package io.ept.web.ui;

import com.mongodb.client.MongoCollection;
import io.ept.endpoint.EndpointActions;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.QueueStatistics;
import io.ept.monitor.FabricManager;
import io.ept.monitor.FabricVerifier;
import io.ept.notify.NotificationService;
import io.ept.platform.Infrastructure;
import io.ept.security.AccountService;
import io.ept.status.AppStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;

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
    Infrastructure infrastructure;

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

    public MongoCollection<Document> collection(String name) {
        return infrastructure.database().getCollection(name);
    }

    public com.mongodb.client.MongoDatabase database() {
        return infrastructure.database();
    }
}
