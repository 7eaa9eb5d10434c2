package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.data.dir and ept.embedded.*: the MongoDB-protocol server and redis-server EPT starts when no external one
 * is configured.
 * Set by a system property or environment variable (MicroProfile Config); a field's initial value is its default
 * (SmallRye Config reads it; for 0 and false, which it takes for none, defaultValue says it), an Optional field has
 * none: it is empty when unset.
 */
@ConfigProperties(prefix = "ept")
@Dependent
public class EmbeddedServersConfig {

    /** Where the embedded servers keep their files; unset: ${jboss.server.data.dir}/ept. */
    @ConfigProperty(name = "data.dir")
    public Optional<String> dataDir;

    /** Fixed port of the embedded MongoDB-protocol server; 0: any free port. */
    @ConfigProperty(name = "embedded.mongo.port", defaultValue = "0")
    public int mongoPort;

    /** Its page cache; 0: an eighth of the heap. */
    @ConfigProperty(name = "embedded.mongo.cache-mb", defaultValue = "0")
    public int mongoCacheMb;

    /** Changes it keeps before writing them. */
    @ConfigProperty(name = "embedded.mongo.commit-buffer-mb")
    public int mongoCommitBufferMb = 16;

    /** Fixed port of the embedded redis-server; 0: any free port. */
    @ConfigProperty(name = "embedded.redis.port", defaultValue = "0")
    public int redisPort;

    /** Wait before restarting an embedded redis-server that died (no tight crash loop; it is supervised every second). */
    @ConfigProperty(name = "embedded.redis.restart-delay-ms")
    public long redisRestartDelayMillis = 1000;
}
