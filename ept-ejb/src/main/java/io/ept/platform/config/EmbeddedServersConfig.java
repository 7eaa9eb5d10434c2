package io.ept.platform.config;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * ept.data.dir and ept.embedded.*: the MongoDB-protocol server and redis-server EPT starts when no external one
 * is configured.
 * Set by a system property or environment variable (MicroProfile Config). A @Dependent bean (no proxy), so
 * consumers read its fields; see the package documentation for why it is not a {@code @ConfigProperties} class.
 */
@Dependent
public class EmbeddedServersConfig {

    /** Where the embedded servers keep their files; unset: ${jboss.server.data.dir}/ept. */
    @Inject
    @ConfigProperty(name = "ept.data.dir")
    public Optional<String> dataDir;

    /** Fixed port of the embedded MongoDB-protocol server; 0: any free port. */
    @Inject
    @ConfigProperty(name = "ept.embedded.mongo.port", defaultValue = "0")
    public int mongoPort;

    /** Its page cache; 0: an eighth of the heap. */
    @Inject
    @ConfigProperty(name = "ept.embedded.mongo.cache-mb", defaultValue = "0")
    public int mongoCacheMb;

    /**
     * Changes it keeps before writing them. A page changed several times within the buffer is written once: under
     * the bench's event load 16 or 32 MB took about an eighth less CPU per event than 4 MB (ept-bench/RESULTS.md,
     * session 10). Chunks this large rely on the store reusing its write buffers ({@code ReusedWriteBufferStore}).
     */
    @Inject
    @ConfigProperty(name = "ept.embedded.mongo.commit-buffer-mb", defaultValue = "16")
    public int mongoCommitBufferMb;

    /** Fixed port of the embedded redis-server; 0: any free port. */
    @Inject
    @ConfigProperty(name = "ept.embedded.redis.port", defaultValue = "0")
    public int redisPort;

    /** Wait before restarting an embedded redis-server that died (no tight crash loop; it is supervised every second). */
    @Inject
    @ConfigProperty(name = "ept.embedded.redis.restart-delay-ms", defaultValue = "1000")
    public long redisRestartDelayMillis;
}
