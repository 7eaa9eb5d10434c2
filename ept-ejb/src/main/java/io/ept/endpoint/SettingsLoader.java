package io.ept.endpoint;

import io.ept.analysis.model.Settings;
import io.ept.platform.config.AnalysisTimerConfig;
import org.bson.Document;

/**
 * Maps an ept.settings document to the analysis {@link Settings}, as {@link io.ept.analysis.model.Setting} declares
 * each field; fields missing from the document keep their defaults. The timers of ept-reference 2.5 keep their
 * declared defaults unless configuration overrides them.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /** @param relayPassword decrypted smtp_relay_password ("" or null if none) */
    public static Settings fromDocument(Document d, String relayPassword, AnalysisTimerConfig timers) {
        Settings.Builder b = Settings.builder().load(d).smtpRelayPassword(relayPassword == null ? "" : relayPassword);
        timers.overrides().forEach(b::set);
        return b.build();
    }
}
