package io.ept.monitor;

import io.ept.fabric.FabricEvent;
import io.ept.fabric.FabricRepository;
import io.ept.fabric.FabricSchemas;
import io.ept.endpoint.EpmWorkService;
import io.ept.messaging.EpmBatch;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkTypes;
import io.ept.messaging.WorkerGroups;
import io.ept.security.SecretCipher;
import io.ept.sim.ApicSimulator;
import io.ept.sim.topology.Topology;
import io.ept.status.PipelineMetrics;
import io.ept.support.MongoTestServer;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real parts for the subscriber's pieces: the APIC simulator in process (demo fabric), a MongoDB-wire-protocol
 * server, optionally a redis-server; the JMS queues are recorded (and may be answered, as workers would).
 */
final class MonitorTestBed implements AutoCloseable {

    static final String FABRIC = "demo";

    final ApicSimulator sim;
    final MongoTestServer mongo = new MongoTestServer();
    final FabricRepository fabrics;
    final PipelineMetrics metrics;
    final List<WorkItem> toWatcher;
    private final RecordingEnvironment env;
    private final RedisServer redisServer;
    private final RedisClient redis;

    MonitorTestBed(boolean withRedis) throws IOException {
        this(withRedis, WorkerGroups.of(4, 100, 20));
    }

    /** With the given worker groups and batching window. */
    MonitorTestBed(boolean withRedis, WorkerGroups groups) throws IOException {
        sim = ApicSimulator.builder().httpPort(0).httpsPort(-1).topology(Topology.demo()).build().start();
        fabrics = new FabricRepository(mongo.database(), new SecretCipher(new byte[32]));
        fabrics.createFabric(FabricSchemas.FABRIC.validateInput(Map.of("fabric", FABRIC, "apic_hostname", sim.httpUrl(),
                "apic_username", sim.username(), "apic_password", sim.password()), Set.of("fabric")));
        if (withRedis) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            redisServer = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redisServer.start();
            redis = RedisClient.create(URI.create("redis://127.0.0.1:" + port));
        } else {
            redisServer = null;
            redis = null;
        }
        env = new RecordingEnvironment(fabrics, mongo.database(), redis, groups);
        metrics = env.metrics;
        toWatcher = env.toWatcher;
    }

    /** Settings of the demo fabric: hostname (and controllers) as given, heartbeat as given, refresh 60 s. */
    SubscriberSettings settings(String hostname, List<String> controllers, String password, int heartbeatSeconds,
                                int heartbeatRetries) {
        return new SubscriberSettings(FABRIC, hostname, sim.username(), password, controllers, 60, 5400,
                heartbeatSeconds, heartbeatRetries, 5, true, true, false, Duration.ofSeconds(60));
    }

    SubscriberSettings settings() {
        return settings(sim.httpUrl(), List.of(), sim.password(), 300, 3);
    }

    MonitorEnvironment env() {
        return env;
    }

    /** Workers that acknowledge every build message at once (the Redis counter the build waits for). */
    void acknowledgeBuilds() {
        env.workers = items -> {
            for (WorkItem item : items) {
                if (WorkTypes.EPM_BATCH.equals(item.type())) {
                    EpmBatch batch = EpmBatch.fromJson(item.body());
                    if (batch.build() != null) {
                        redis.incrBy(String.format(EpmWorkService.BUILD_DONE_KEY, FABRIC, batch.build()),
                                batch.events().size());
                    }
                }
            }
        };
    }

    /**
     * Workers that analyse every endpoint message as EPT's do (the real analysis and MongoDB store, on the sending
     * thread) and acknowledge build messages: the stored state can be compared with the simulator's.
     */
    void analyseWork() {
        io.ept.endpoint.MongoFabricLookups lookups = new io.ept.endpoint.MongoFabricLookups(mongo.database(), FABRIC);
        io.ept.analysis.engine.EndpointAnalyzer analyzer = new io.ept.analysis.engine.EndpointAnalyzer(
                io.ept.analysis.model.Settings.defaults(), lookups, new io.ept.analysis.engine.RapidTracker(),
                java.time.Clock.systemUTC());
        io.ept.endpoint.EndpointBatch batches = new io.ept.endpoint.EndpointBatch(
                new io.ept.endpoint.MongoEndpointStore(mongo.database()));
        io.ept.analysis.engine.RapidTracker rapid = new io.ept.analysis.engine.RapidTracker();
        env.workers = items -> {
            lookups.flush(io.ept.endpoint.MongoFabricLookups.ALL); // the mirror may have changed since
            for (WorkItem item : items) {
                if (WorkTypes.EPM_BATCH.equals(item.type())) {
                    EpmBatch batch = EpmBatch.fromJson(item.body());
                    batches.process(FABRIC, batch.id(), batch.events(), analyzer, rapid);
                    if (batch.build() != null) {
                        redis.incrBy(String.format(EpmWorkService.BUILD_DONE_KEY, FABRIC, batch.build()),
                                batch.events().size());
                    }
                }
            }
        };
    }

    /** The endpoint events sent to the workers so far. */
    List<EpmBatch> sentBatches() {
        return env.toWorkers().stream().filter(i -> WorkTypes.EPM_BATCH.equals(i.type()))
                .map(i -> EpmBatch.fromJson(i.body())).toList();
    }

    RedisClient redis() {
        return redis;
    }

    FabricEventLog events() {
        return new FabricEventLog(FABRIC, fabrics);
    }

    /** The fabric's event log, newest first. */
    List<FabricEvent> loggedEvents() {
        return fabrics.events(FABRIC);
    }

    boolean logged(String status, String descriptionPart) {
        return loggedEvents().stream().anyMatch(e -> e.status().equals(status) && e.description().contains(descriptionPart));
    }

    @Override
    public void close() throws IOException {
        sim.stop();
        mongo.close();
        if (redis != null) {
            redis.close();
            redisServer.stop();
        }
    }
}
