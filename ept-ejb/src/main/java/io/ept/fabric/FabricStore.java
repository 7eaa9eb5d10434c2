package io.ept.fabric;

import io.ept.events.LiveEvent;
import io.ept.events.LiveEvents;
import io.ept.platform.Infrastructure;
import io.ept.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.ept.platform.config.SecretsConfig;

import java.nio.file.Path;

/**
 * Produces the fabric repository. Secrets are encrypted with {@code ept.secret.key} / {@code EPT_SECRET_KEY}
 * (base64, 32 bytes; every node of a deployment needs the same one) or, when unset, a key file created in the
 * data directory on first start.
 */
@ApplicationScoped
public class FabricStore {

    @Inject
    Infrastructure infrastructure;

    @Inject
    SecretsConfig secretsConfig;

    @Inject
    LiveEvents liveEvents;

    @Inject
    FabricChangeAnnouncer changes;

    @Inject
    jakarta.enterprise.event.Event<io.ept.publish.FabricEventRecorded> recorded;

    @Produces
    @Singleton
    FabricRepository fabricRepository() {
        Path keyFile = infrastructure.dataPath().resolve("secret.key");
        FabricRepository repository = new FabricRepository(infrastructure.database(),
                SecretCipher.fromConfig(secretsConfig.secretKey.orElse(null), keyFile));
        repository.setEventListener((fabric, event) -> {
            liveEvents.publish(LiveEvent.fabric(fabric, event));
            try {
                recorded.fire(new io.ept.publish.FabricEventRecorded(fabric, event));
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(FabricStore.class.getName())
                        .warning("fabric " + fabric + ": monitor event not published: " + e);
            }
        });
        repository.setChangeListener(changes);
        return repository;
    }
}
