package io.ept.monitor;

import com.mongodb.client.MongoDatabase;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkerGroups;
import io.ept.status.PipelineMetrics;
import redis.clients.jedis.RedisClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A monitor environment on given stores whose JMS sends are recorded (and may be answered, as workers would). */
final class RecordingEnvironment implements MonitorEnvironment {

    final PipelineMetrics metrics = new PipelineMetrics();
    /** Each send to the workers, one list per JMS transaction. */
    final List<List<WorkItem>> workerSends = new CopyOnWriteArrayList<>();
    final List<WorkItem> toWatcher = new CopyOnWriteArrayList<>();
    /** Called with every send to the workers (a fake worker acknowledging build messages, say). */
    volatile Consumer<List<WorkItem>> workers = items -> { };
    private final FabricRepository fabrics;
    private final MongoDatabase database;
    private final RedisClient redis;
    private final WorkerGroups groups;

    RecordingEnvironment(FabricRepository fabrics, MongoDatabase database, RedisClient redis, WorkerGroups groups) {
        this.fabrics = fabrics;
        this.database = database;
        this.redis = redis;
        this.groups = groups;
    }

    @Override
    public FabricRepository fabrics() {
        return fabrics;
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public RedisClient redis() {
        return redis;
    }

    @Override
    public void sendToWorkers(List<WorkItem> items) {
        workerSends.add(items);
        workers.accept(items);
    }

    @Override
    public void sendToWatcher(List<WorkItem> items, long deliveryDelayMillis) {
        toWatcher.addAll(items);
    }

    @Override
    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public WorkerGroups workerGroups() {
        return groups;
    }

    /** Every item sent to the workers, in order. */
    List<WorkItem> toWorkers() {
        return workerSends.stream().flatMap(List::stream).toList();
    }
}
