package io.ept.analysis.notify;

import io.ept.analysis.model.Settings;

/** Notification categories and their email/syslog switches in eptSettings. */
public enum NotifyType {
    MOVE, STALE, OFFSUBNET, CLEAR, RAPID;

    public boolean email(Settings s) {
        return switch (this) {
            case MOVE -> s.notifyMoveEmail();
            case STALE -> s.notifyStaleEmail();
            case OFFSUBNET -> s.notifyOffsubnetEmail();
            case CLEAR -> s.notifyClearEmail();
            case RAPID -> s.notifyRapidEmail();
        };
    }

    public boolean syslog(Settings s) {
        return switch (this) {
            case MOVE -> s.notifyMoveSyslog();
            case STALE -> s.notifyStaleSyslog();
            case OFFSUBNET -> s.notifyOffsubnetSyslog();
            case CLEAR -> s.notifyClearSyslog();
            case RAPID -> s.notifyRapidSyslog();
        };
    }

    public boolean enabled(Settings s) {
        return email(s) || syslog(s);
    }
}
