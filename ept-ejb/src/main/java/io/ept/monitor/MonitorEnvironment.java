package io.ept.monitor;

import com.mongodb.client.MongoDatabase;
import io.ept.fabric.FabricRepository;
import io.ept.messaging.WorkItem;
import redis.clients.jedis.RedisClient;

import java.util.List;

/** What a fabric subscriber needs from the container: storage, pub/sub and the JMS queues. */
public interface MonitorEnvironment {

    FabricRepository fabrics();

    MongoDatabase database();

    RedisClient redis();

    /** Sends a batch to the worker queue in one transaction. */
    void sendToWorkers(List<WorkItem> items);

    void sendToWatcher(List<WorkItem> items, long deliveryDelayMillis);
}
