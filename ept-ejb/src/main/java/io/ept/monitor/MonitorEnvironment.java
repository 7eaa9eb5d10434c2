package io.ept.monitor;

import com.mongodb.client.MongoDatabase;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkerGroups;
import io.ept.status.PipelineMetrics;
import redis.clients.jedis.RedisClient;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** What a fabric subscriber needs from the container: storage, pub/sub and the JMS queues. */
public interface MonitorEnvironment {

    FabricRepository fabrics();

    MongoDatabase database();

    RedisClient redis();

    /** Sends a batch to the worker queue in one transaction. */
    void sendToWorkers(List<WorkItem> items);

    void sendToWatcher(List<WorkItem> items, long deliveryDelayMillis);

    /** This node's pipeline counters (events received and queued). */
    PipelineMetrics metrics();

    /** How endpoint work is split into worker message groups. */
    WorkerGroups workerGroups();

    /** Threads for work the subscriber hands off (decoding APIC pages ahead); the container's in a server. */
    default ThreadFactory threads() {
        return Executors.defaultThreadFactory();
    }
}
