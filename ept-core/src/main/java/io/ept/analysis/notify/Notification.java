package io.ept.analysis.notify;

import io.ept.analysis.model.Settings;

/** A formatted notification and the channels it goes to. */
public record Notification(NotifyType type, String subject, String body, boolean email, boolean syslog) {

    /** Null when neither channel is enabled for the type. */
    public static Notification ifEnabled(NotifyType type, String subject, String body, Settings s) {
        if (!type.enabled(s)) {
            return null;
        }
        return new Notification(type, subject, body, type.email(s), type.syslog(s));
    }

    /** Syslog payload (sent with facility LOCAL7, severity info). */
    public String syslogText() {
        return NotificationFormatter.syslogLine(body);
    }
}
