package io.ept.endpoint;

import io.ept.analysis.model.Settings;
import io.ept.fabric.FabricRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;
import io.ept.platform.config.AnalysisTimerConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analysis settings per fabric, read from ept.settings on first use and re-read after an ept.flush "settings"
 * (or "all") message, i.e. after {@code POST .../settings-default/reload}.
 */
@ApplicationScoped
public class FabricSettingsCache {

    @Inject
    FabricRepository fabrics;

    @Inject
    AnalysisTimerConfig timers = new AnalysisTimerConfig(); // no overrides until injected (unit tests)

    private final Map<String, Settings> byFabric = new ConcurrentHashMap<>();

    public Settings settings(String fabric) {
        return byFabric.computeIfAbsent(fabric, this::load);
    }

    /** Decrypted smtp_relay_password of an ept.settings document ("" if none). */
    public String relayPassword(Document settings) {
        String encrypted = settings.getString("smtp_relay_password");
        return encrypted == null || encrypted.isEmpty() ? "" : fabrics.secret(settings, "smtp_relay_password");
    }

    private Settings load(String fabric) {
        Document doc = fabrics.settings(fabric);
        return SettingsLoader.fromDocument(doc, relayPassword(doc), timers);
    }

    void onFlush(@Observes CacheFlush flush) {
        if (flush.concernsSettings()) {
            byFabric.remove(flush.fabric());
        }
    }
}
