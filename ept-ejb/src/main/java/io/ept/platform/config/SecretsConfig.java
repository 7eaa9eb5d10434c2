package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.secret.key and ept.admin.password: the secrets given to EPT when it starts.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it), an Optional field has none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept")
@Dependent
public class SecretsConfig {

    /** Base64 of 32 bytes that encrypts stored passwords (the same on every node); unset: the key file secret.key in the data directory. */
    @ConfigProperty(name = "secret.key")
    public Optional<String> secretKey;

    /** Password of user admin on the first start; unset: a generated one, written to the data directory. */
    @ConfigProperty(name = "admin.password")
    public Optional<String> adminPassword;
}
