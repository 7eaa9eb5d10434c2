package io.ept.security;

import io.ept.platform.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.bson.Document;
import io.ept.platform.config.SecretsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creates the first admin at deployment rather than at the first login. With no {@code ept.admin.password} /
 * {@code EPT_ADMIN_PASSWORD}, the generated password goes to the file {@value #PASSWORD_FILE} in the data
 * directory, created readable by its owner only; the server log says where it is, never what it is.
 */
@Singleton
@Startup
@DependsOn("Infrastructure")
public class AccountBootstrap {

    static final String PASSWORD_FILE = "admin-password";
    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    Infrastructure infrastructure;

    @Inject
    SecretsConfig secretsConfig;

    @PostConstruct
    void start() {
        if (secretsConfig.adminPassword.filter(p -> !p.isBlank()).isEmpty()) {
            createGeneratedAdmin();
        }
        accounts.settings();
    }

    /** First start without a configured password: admin is created here, before AccountService would log one. */
    void createGeneratedAdmin() {
        var users = infrastructure.database().getCollection(AccountDirectory.USERS);
        boolean hasAdmin = users.find(new Document("username", AccountDirectory.ADMIN)).first() != null
                || users.countDocuments(new Document("role", Role.ADMIN.code())) > 0;
        if (hasAdmin) {
            return;
        }
        String generated = PasswordHasher.randomSecret(12);
        Path file = infrastructure.dataPath().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file); // left from an earlier installation whose store was emptied
            SecretCipher.writeOwnerOnly(file, generated + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin password to " + file
                    + " (set EPT_ADMIN_PASSWORD instead)", e);
        }
        new AccountDirectory(infrastructure.database(), new PasswordHasher(), Clock.systemUTC())
                .bootstrap(Optional.of(generated), ignored -> { });
        LOG.warning("EPT created user 'admin' with a generated password, stored in " + file
                + " (readable by its owner only; set EPT_ADMIN_PASSWORD before the first start to choose it)");
    }
}
