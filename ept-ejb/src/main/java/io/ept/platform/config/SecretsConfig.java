package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.secret.key and ept.admin.password: the secrets given to EPT when it starts.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class SecretsConfig {

    /** Base64 of 32 bytes that encrypts stored passwords (the same on every node); unset: the key file secret.key in the data directory. */
    @Inject
    @ConfigProperty(name = "ept.secret.key")
    public Optional<String> secretKey;

    /** Password of user admin on the first start; unset: a generated one, written to the data directory. */
    @Inject
    @ConfigProperty(name = "ept.admin.password")
    public Optional<String> adminPassword;
}
