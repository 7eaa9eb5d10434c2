package io.ept.notify;

import io.ept.endpoint.CacheFlush;
import io.ept.analysis.notify.Notification;
import io.ept.endpoint.FabricSettingsCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.ept.platform.config.SyslogConfig;

import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notifications of this node: queued per fabric and sent every second (NOTIFY_INTERVAL) by a container-managed
 * scheduler. Syslog transport and format: {@code ept.syslog.protocol} udp|tcp (default udp) and
 * {@code ept.syslog.format} bsd|rfc5424 (default bsd).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotificationService {

    @Inject
    FabricSettingsCache settings;

    @Inject
    SyslogConfig syslogConfig;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private NotificationDispatcher dispatcher;
    private ScheduledFuture<?> flushing;

    @PostConstruct
    void start() {
        SyslogSender syslog = new SyslogSender(
                SyslogSender.Protocol.valueOf(syslogConfig.protocol.toUpperCase(Locale.ROOT)),
                SyslogSender.Format.valueOf(syslogConfig.format.toUpperCase(Locale.ROOT)));
        dispatcher = new NotificationDispatcher(settings::settings, syslog, new EmailSender());
        flushing = scheduler.scheduleWithFixedDelay(dispatcher::flush, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
    }

    /** Observer of cache flushes (public: an EJB observer must be a business method). */
    public void onFlush(@Observes CacheFlush flush) {
        if (flush.resetsFabric()) {
            dispatcher.forget(flush.fabric());
        }
    }

    public void enqueue(String fabric, Notification notification) {
        dispatcher.enqueue(fabric, notification);
    }

    public NotificationDispatcher.TestResult sendTestEmail(String fabric) {
        return dispatcher.sendTestEmail(fabric);
    }

    public NotificationDispatcher.TestResult sendTestSyslog(String fabric) {
        return dispatcher.sendTestSyslog(fabric);
    }
}
