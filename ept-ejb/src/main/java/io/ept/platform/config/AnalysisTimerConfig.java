package io.ept.platform.config;

import io.ept.analysis.model.Setting;
import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * ept.analysis.*: the confirmation delays of ept-reference 2.5, in seconds, which tests shorten. Their defaults are
 * declared once, in {@link Setting}; an unset property keeps that default.
 */
@ConfigProperties(prefix = "ept.analysis")
@Dependent
public class AnalysisTimerConfig {

    @ConfigProperty(name = "transitory-offsubnet")
    public Optional<Double> transitoryOffsubnet = Optional.empty();

    @ConfigProperty(name = "transitory-stale")
    public Optional<Double> transitoryStale = Optional.empty();

    @ConfigProperty(name = "transitory-stale-no-local")
    public Optional<Double> transitoryStaleNoLocal = Optional.empty();

    @ConfigProperty(name = "transitory-rapid")
    public Optional<Double> transitoryRapid = Optional.empty();

    @ConfigProperty(name = "transitory-delete")
    public Optional<Double> transitoryDelete = Optional.empty();

    /** The configured timers, by the setting each overrides. */
    public Map<Setting, Object> overrides() {
        Map<Setting, Object> overrides = new EnumMap<>(Setting.class);
        transitoryOffsubnet.ifPresent(v -> overrides.put(Setting.TRANSITORY_OFFSUBNET, v));
        transitoryStale.ifPresent(v -> overrides.put(Setting.TRANSITORY_STALE, v));
        transitoryStaleNoLocal.ifPresent(v -> overrides.put(Setting.TRANSITORY_STALE_NO_LOCAL, v));
        transitoryRapid.ifPresent(v -> overrides.put(Setting.TRANSITORY_RAPID, v));
        transitoryDelete.ifPresent(v -> overrides.put(Setting.TRANSITORY_DELETE, v));
        return overrides;
    }
}
