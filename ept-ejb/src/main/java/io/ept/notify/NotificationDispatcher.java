package io.ept.notify;

import io.ept.analysis.model.Settings;
import io.ept.analysis.notify.Notification;
import io.ept.analysis.notify.NotificationFormatter;
import io.ept.analysis.notify.NotifyType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Batches notifications per fabric (bounded queue of {@value #QUEUE_SIZE}; overflow dropped and counted) and
 * sends them on {@link #flush()} (every second), grouped by type: one syslog connection and one SMTP session per
 * fabric and flush. Container-free; {@link NotificationService} drives it.
 */
public final class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class.getName());
    public static final int QUEUE_SIZE = 4096;

    /** Outcome of a test message: success, or the error text. */
    public record TestResult(boolean success, String error) {
    }

    private final Function<String, Settings> settings;
    private final SyslogSender syslog;
    private final EmailSender email;
    private final Map<String, BlockingQueue<Notification>> queues = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    public NotificationDispatcher(Function<String, Settings> settings, SyslogSender syslog, EmailSender email) {
        this.settings = settings;
        this.syslog = syslog;
        this.email = email;
    }

    public void enqueue(String fabric, Notification n) {
        if (n == null) {
            return;
        }
        if (!queues.computeIfAbsent(fabric, f -> new ArrayBlockingQueue<>(QUEUE_SIZE)).offer(n)) {
            dropped.computeIfAbsent(fabric, f -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Sends everything queued so far. Failures are logged; notifications are not retried (as the original). */
    public void flush() {
        for (Map.Entry<String, BlockingQueue<Notification>> e : queues.entrySet()) {
            String fabric = e.getKey();
            AtomicLong lost = dropped.get(fabric);
            long lostCount = lost == null ? 0 : lost.getAndSet(0);
            if (lostCount > 0) {
                LOG.warning("fabric " + fabric + ": notification queue full, dropped " + lostCount + " notifications");
            }
            List<Notification> batch = new ArrayList<>();
            e.getValue().drainTo(batch);
            if (!batch.isEmpty()) {
                batch.sort(Comparator.comparing(Notification::type, Comparator.comparingInt(NotifyType::ordinal)));
                try {
                    send(fabric, batch);
                } catch (RuntimeException ex) {
                    // e.g. the fabric was deleted meanwhile: the other fabrics (and the next flushes) must go on
                    LOG.log(Level.WARNING, "fabric " + fabric + ": " + batch.size() + " notifications not sent: " + ex);
                }
            }
        }
    }

    /** The fabric was deleted or created: its queued notifications are dropped. */
    public void forget(String fabric) {
        queues.remove(fabric);
        dropped.remove(fabric);
    }

    /** Notifications queued for the fabric (not sent yet). */
    public int queued(String fabric) {
        BlockingQueue<Notification> queue = queues.get(fabric);
        return queue == null ? 0 : queue.size();
    }

    private void send(String fabric, List<Notification> batch) {
        Settings s = settings.apply(fabric);
        List<String> syslogTexts = batch.stream().filter(Notification::syslog).map(Notification::syslogText).toList();
        List<Notification> emails = batch.stream().filter(Notification::email).toList();
        if (!syslogTexts.isEmpty() && !s.syslogServer().isBlank()) {
            try {
                syslog.send(s.syslogServer(), s.syslogPort(), syslogTexts);
            } catch (Exception ex) {
                LOG.log(Level.WARNING, "fabric " + fabric + ": syslog to " + s.syslogServer() + " failed: " + ex);
            }
        }
        if (!emails.isEmpty() && !s.emailAddress().isBlank()) {
            try {
                email.send(s, emails);
            } catch (Exception ex) {
                LOG.log(Level.WARNING, "fabric " + fabric + ": email to " + s.emailAddress() + " failed: " + ex);
            }
        }
    }

    /** "&lt;fabric&gt; test email" now; fails when no email_address is configured. */
    public TestResult sendTestEmail(String fabric) {
        Settings s = settings.apply(fabric);
        if (s.emailAddress().isBlank()) {
            return new TestResult(false, "no email_address configured");
        }
        NotificationFormatter.Text t = NotificationFormatter.testEmail(fabric);
        try {
            email.send(s, List.of(new Notification(NotifyType.CLEAR, t.subject(), t.body(), true, false)));
            return new TestResult(true, "");
        } catch (Exception e) {
            return new TestResult(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** "&lt;fabric&gt; test syslog" now; fails when no syslog_server is configured. */
    public TestResult sendTestSyslog(String fabric) {
        Settings s = settings.apply(fabric);
        if (s.syslogServer().isBlank()) {
            return new TestResult(false, "no syslog_server configured");
        }
        NotificationFormatter.Text t = NotificationFormatter.testSyslog(fabric);
        try {
            syslog.send(s.syslogServer(), s.syslogPort(), List.of(NotificationFormatter.syslogLine(t.body())));
            return new TestResult(true, "");
        } catch (Exception e) {
            return new TestResult(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
