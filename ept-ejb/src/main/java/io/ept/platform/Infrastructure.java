package io.ept.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import io.ept.platform.config.MongoConfig;
import io.ept.platform.config.RedisConfig;
import io.ept.platform.config.EmbeddedServersConfig;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects EPT to its MongoDB and Redis, starting embedded ones when none is configured. Everything else in EPT
 * reaches storage and pub/sub through this bean.
 *
 * <p>Configuration (MicroProfile Config: system property or environment variable):
 * <ul>
 *   <li>{@code ept.mongo.uri} / {@code EPT_MONGO_URI}: MongoDB connection string; unset = embedded server</li>
 *   <li>{@code ept.mongo.database} / {@code EPT_MONGO_DATABASE}: database name, default {@code ept}</li>
 *   <li>{@code ept.redis.uri} / {@code EPT_REDIS_URI}: e.g. {@code redis://host:6379}; unset = embedded redis-server</li>
 *   <li>{@code ept.data.dir} / {@code EPT_DATA_DIR}: where embedded servers keep their files, default
 *       {@code ${jboss.server.data.dir}/ept}</li>
 *   <li>{@code ept.embedded.mongo.port}, {@code ept.embedded.redis.port}: fixed ports for the embedded servers,
 *       default 0 (any free port)</li>
 *   <li>{@code ept.embedded.redis.restart-delay-ms}: wait before restarting an embedded redis-server that died,
 *       default 1000 (it is supervised every second and restarted on its port and append-only data)</li>
 *   <li>{@code ept.embedded.mongo.cache-mb}: page cache of the embedded MongoDB-protocol server, default 0 (an
 *       eighth of the heap); {@code ept.embedded.mongo.commit-buffer-mb}: changes it keeps before writing, default 16</li>
 * </ul>
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class.getName());

    @Inject
    MongoConfig mongoConfig;

    @Inject
    RedisConfig redisConfig;

    @Inject
    EmbeddedServersConfig embeddedConfig;

    private EmbeddedMongo embeddedMongo;
    private volatile EmbeddedRedis embeddedRedis;
    private volatile boolean stopped;
    private volatile MongoClient mongoClient;
    private volatile MongoDatabase database;
    private volatile RedisClient redis;
    private volatile String effectiveRedisUri;
    private volatile String effectiveMongoUri;

    @PostConstruct
    void start() {
        try {
            String mongo = mongoConfig.uri.filter(s -> !s.isBlank()).orElse(null);
            if (mongo == null) {
                embeddedMongo = EmbeddedMongo.start(dataPath().resolve("mongo"), embeddedConfig.mongoPort,
                        embeddedConfig.mongoCacheMb, embeddedConfig.mongoCommitBufferMb);
                mongo = embeddedMongo.connectionString();
            }
            String redisAddress = redisConfig.uri.filter(s -> !s.isBlank()).orElse(null);
            if (redisAddress == null) {
                embeddedRedis = EmbeddedRedis.start(dataPath().resolve("redis"), embeddedConfig.redisPort);
                redisAddress = embeddedRedis.uri();
            }
            effectiveMongoUri = mongo;
            effectiveRedisUri = redisAddress;
            mongoClient = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(mongo))
                    .codecRegistry(org.bson.codecs.configuration.CodecRegistries.fromRegistries(
                            org.bson.codecs.configuration.CodecRegistries.fromCodecs(
                                    new DirectDocumentCodec(MongoClientSettings.getDefaultCodecRegistry())),
                            MongoClientSettings.getDefaultCodecRegistry()))
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                    .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                    .build());
            database = mongoClient.getDatabase(mongoConfig.database);
            redis = RedisClient.create(URI.create(redisAddress));
            LOG.info(() -> "EPT storage: MongoDB " + redacted(effectiveMongoUri) + " database '" + mongoConfig.database
                    + "', Redis " + redacted(effectiveRedisUri));
        } catch (Exception e) {
            // Without storage EPT cannot do anything useful; fail the deployment with the reason.
            stop();
            throw new IllegalStateException("EPT could not start its storage: " + e.getMessage(), e);
        }
    }

    /**
     * Returns once the embedded MongoDB-protocol server has written the changes made so far to its file (at once
     * with an external MongoDB, which has them when it acknowledges a write). On its own, the embedded server writes
     * within about a second, and a killed JVM lost what it had not written: work acknowledged after its store
     * writes must wait for this first.
     */
    public void awaitStoreWritten() {
        if (embeddedMongo != null) {
            embeddedMongo.awaitWritten();
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        closeQuietly(redis, "redis client");
        closeQuietly(mongoClient, "mongo client");
        closeQuietly(embeddedRedis, "embedded redis-server");
        closeQuietly(embeddedMongo, "embedded mongo server");
    }

    /**
     * Restarts the embedded redis-server on its port and data if its process died (called every second by
     * {@link DependencyHealth}); clients reconnect to the same address. An external Redis is not ours to restart.
     */
    public void superviseEmbeddedServers() {
        EmbeddedRedis r = embeddedRedis;
        if (r == null || stopped) {
            return;
        }
        try {
            r.restartIfDead(embeddedConfig.redisRestartDelayMillis);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "restarting the embedded redis-server failed (retrying in a second): " + e.getMessage());
        }
    }

    /** The embedded redis-server: {"pid", "restarts"}; empty with an external Redis. */
    public java.util.Map<String, Long> embeddedRedisProcess() {
        EmbeddedRedis r = embeddedRedis;
        return r == null ? java.util.Map.of() : java.util.Map.of("pid", r.pid(), "restarts", (long) r.restarts());
    }

    public MongoDatabase database() {
        return database;
    }

    public RedisClient redis() {
        return redis;
    }

    /** The Redis address, for connections that cannot share the pool (pub/sub subscriptions). */
    public URI redisUri() {
        return URI.create(effectiveRedisUri);
    }

    public String describe() {
        return "mongodb=" + redacted(effectiveMongoUri) + (embeddedMongo != null ? " (embedded)" : "")
                + ", redis=" + redacted(effectiveRedisUri) + (embeddedRedis != null ? " (embedded)" : "");
    }

    public Path dataPath() {
        return Path.of(embeddedConfig.dataDir.filter(s -> !s.isBlank())
                .orElseGet(() -> System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")) + "/ept"));
    }

    /** Connection strings may carry credentials; never log them. */
    static String redacted(String uri) {
        if (uri == null) {
            return null;
        }
        return uri.replaceAll("//[^/@]*@", "//***@");
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + what + " failed", e);
        }
    }
}
