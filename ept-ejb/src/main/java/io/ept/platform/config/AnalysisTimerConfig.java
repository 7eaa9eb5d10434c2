package io.ept.platform.config;

import io.ept.analysis.model.Setting;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * ept.analysis.*: the confirmation delays of ept-reference 2.5, in seconds, which tests shorten. Their defaults are
 * declared once, in {@link Setting}: these properties have none, and an unset one keeps the declared default. A
 * @Dependent bean (no proxy), so consumers read its fields.
 */
@Dependent
public class AnalysisTimerConfig {

    @Inject
    @ConfigProperty(name = "ept.analysis.transitory-offsubnet")
    public Optional<Double> transitoryOffsubnet;

    @Inject
    @ConfigProperty(name = "ept.analysis.transitory-stale")
    public Optional<Double> transitoryStale;

    @Inject
    @ConfigProperty(name = "ept.analysis.transitory-stale-no-local")
    public Optional<Double> transitoryStaleNoLocal;

    @Inject
    @ConfigProperty(name = "ept.analysis.transitory-rapid")
    public Optional<Double> transitoryRapid;

    @Inject
    @ConfigProperty(name = "ept.analysis.transitory-delete")
    public Optional<Double> transitoryDelete;

    /** The configured timers, by the setting each overrides. */
    public Map<Setting, Object> overrides() {
        Map<Setting, Object> overrides = new EnumMap<>(Setting.class);
        put(overrides, Setting.TRANSITORY_OFFSUBNET, transitoryOffsubnet);
        put(overrides, Setting.TRANSITORY_STALE, transitoryStale);
        put(overrides, Setting.TRANSITORY_STALE_NO_LOCAL, transitoryStaleNoLocal);
        put(overrides, Setting.TRANSITORY_RAPID, transitoryRapid);
        put(overrides, Setting.TRANSITORY_DELETE, transitoryDelete);
        return overrides;
    }

    /** A null field (an instance made outside CDI, in unit tests) overrides nothing, as an empty one. */
    private static void put(Map<Setting, Object> overrides, Setting setting, Optional<Double> seconds) {
        if (seconds != null) {
            seconds.ifPresent(value -> overrides.put(setting, value));
        }
    }
}
