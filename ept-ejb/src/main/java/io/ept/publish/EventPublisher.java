package io.ept.publish;

import io.ept.fabric.FabricEvent;
import io.ept.fabric.FabricRepository;
import io.ept.findings.Finding;
import io.ept.platform.Backoff;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.ept.platform.config.WebhookConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Publishes every open finding and every fabric monitor event: to the message bus ({@link EventBus}) at once, and
 * to each of the fabric's webhooks from the container's scheduler, retried with back-off
 * ({@code ept.webhook.attempts}, {@code ept.webhook.first-retry-millis}, {@code ept.webhook.max-retry-millis}).
 * A delivery that fails every try is written to the fabric's event log as status {@value #WEBHOOK_FAILED}; such
 * entries go to the bus but not to webhooks, so a dead receiver cannot feed itself failures.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventPublisher {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    public static final String WEBHOOK_FAILED = "webhook-failed";
    public static final String SCHEMA_HEADER = "X-EPT-Schema";
    public static final String ID_HEADER = "X-EPT-Event-Id";

    @Inject
    Webhooks webhooks;

    @Inject
    EventBus bus;

    @Inject
    FabricRepository fabrics;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    WebhookConfig webhookConfig;

    private Backoff retries;
    private HttpClient http;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @PostConstruct
    void start() {
        retries = new Backoff(webhookConfig.firstRetryMillis, webhookConfig.maxRetryMillis, webhookConfig.attempts);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(webhookConfig.timeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An open finding (held findings are not published). */
    public void finding(Finding f) {
        publish(List.of(EventMessage.finding(f)), true);
    }

    /** Open findings of watcher jobs ({@link EventMessage#findingOfJob}), through one bus context. */
    public void findings(List<EventMessage> findings) {
        publish(findings, true);
    }

    /** Observer of the monitor event log (public: an EJB observer must be a business method). */
    public void onFabricEvent(@Observes FabricEventRecorded recorded) {
        FabricEvent e = recorded.event();
        publish(List.of(EventMessage.monitor(recorded.fabric(), e.timestamp(), e.status(), e.description())),
                !WEBHOOK_FAILED.equals(e.status()));
    }

    private void publish(List<EventMessage> messages, boolean toWebhooks) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            bus.publishAll(messages);
        } catch (RuntimeException e) {
            LOG.warning("fabric " + messages.get(0).fabric() + ": " + messages.size()
                    + " events not published to the bus: " + e);
        }
        if (!toWebhooks) {
            return;
        }
        for (EventMessage m : messages) {
            try {
                for (Webhook hook : webhooks.of(m.fabric())) {
                    if (hook.accepts(m)) {
                        scheduler.execute(() -> deliver(hook, m, 1));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warning("fabric " + m.fabric() + ": webhooks not read, event " + m.id() + " not delivered: " + e);
            }
        }
    }

    private void deliver(Webhook hook, EventMessage m, int attempt) {
        String problem;
        try {
            byte[] body = m.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                    .timeout(Duration.ofMillis(webhookConfig.timeoutMillis))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(hook.secret(), body))
                    .header(SCHEMA_HEADER, EventMessage.SCHEMA)
                    .header(ID_HEADER, m.id())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                return;
            }
            problem = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long delay = retries.delayAfter(attempt);
        if (delay >= 0) {
            String why = problem;
            LOG.fine(() -> "webhook " + hook.url() + " try " + attempt + " failed (" + why + "), retry in " + delay + " ms");
            scheduler.schedule(() -> deliver(hook, m, attempt + 1), delay, TimeUnit.MILLISECONDS);
            return;
        }
        failed.incrementAndGet();
        String description = "webhook " + hook.url() + ": " + m.kind() + " event " + m.id() + " not delivered after "
                + attempt + " tries: " + problem;
        LOG.warning("fabric " + m.fabric() + ": " + description);
        try {
            fabrics.addEvent(m.fabric(), new FabricEvent(System.currentTimeMillis() / 1000.0, WEBHOOK_FAILED, description));
        } catch (RuntimeException e) {
            LOG.warning("fabric " + m.fabric() + ": webhook failure not written to the event log: " + e);
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }
}
