package io.ept.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probe messages of several keys and priorities go through the real worker queue (Artemis) and MDB pool; the
 * consumers record their processing order in MongoDB and publish it on Redis. Checks per-key order (message
 * groups) and priority (JMSPriority) on a backed-up queue.
 */
class PipelineOrderingIT extends DeployedEar {

    private static final int LOW_KEYS = 16;
    private static final int LOW_MESSAGES_PER_KEY = 20;
    private static final int HIGH_KEYS = 4;
    private static final int HIGH_MESSAGES_PER_KEY = 3;
    private static final int LOW = 4;
    private static final int HIGH = 7;

    @ArquillianResource
    ManagementClient management;

    @Test
    void perKeyOrderHoldsAndHighPriorityOvertakesTheBacklog() throws Exception {
        String run = "order-" + System.nanoTime();
        int lowTotal = LOW_KEYS * LOW_MESSAGES_PER_KEY;
        int highTotal = HIGH_KEYS * HIGH_MESSAGES_PER_KEY;
        int total = lowTotal + highTotal;
        List<String> published = new CopyOnWriteArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch allPublished = new CountDownLatch(total);
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                published.add(message);
                allPublished.countDown();
            }
        };
        Thread subscriber = new Thread(() -> {
            try (Jedis jedis = new Jedis(URI.create(TestInfrastructure.redisUri()))) {
                jedis.subscribe(listener, "ept.probe." + run);
            }
        }, "probe-subscriber");
        subscriber.start();
        assertTrue(subscribed.await(10, TimeUnit.SECONDS), "subscribed to the probe channel");

        // Hold the consumers so every message is queued before any is taken: priority only matters on a backlog.
        workerDelivery("stop-delivery");
        try {
            StringBuilder body = new StringBuilder("{\"run\":\"" + run + "\",\"messages\":[");
            // A backlog of normal work across many keys, then a few refreshes (high priority) sent last:
            // in arrival order they would be processed last.
            for (int seq = 0; seq < LOW_MESSAGES_PER_KEY; seq++) {
                for (int k = 0; k < LOW_KEYS; k++) {
                    body.append(probe("low" + k, seq, LOW)).append(',');
                }
            }
            for (int seq = 0; seq < HIGH_MESSAGES_PER_KEY; seq++) {
                for (int k = 0; k < HIGH_KEYS; k++) {
                    body.append(probe("high" + k, seq, HIGH)).append(',');
                }
            }
            body.setLength(body.length() - 1);
            body.append("]}");
            EptDeployment.Reply reply = EptDeployment.postJson("app-status/probe", body.toString());
            assertEquals(200, reply.status(), reply.body());
        } finally {
            workerDelivery("start-delivery");
        }

        assertTrue(allPublished.await(60, TimeUnit.SECONDS),
                "all " + total + " probes processed and published, got " + published.size());
        listener.unsubscribe();
        subscriber.join(5000);

        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoUri())) {
            List<Document> records = client.getDatabase("ept").getCollection("ept.probe")
                    .find(Filters.eq("run", run)).sort(Sorts.ascending("rank")).into(new ArrayList<>());
            assertEquals(total, records.size(), "every probe recorded exactly once in MongoDB");

            Map<String, Integer> lastSeqByKey = new HashMap<>();
            for (Document record : records) {
                int previous = lastSeqByKey.getOrDefault(record.getString("key"), -1);
                assertEquals(previous + 1, record.getInteger("seq"),
                        "per-key order in MongoDB for " + record.getString("key"));
                lastSeqByKey.put(record.getString("key"), record.getInteger("seq"));
            }

            int worstHighRank = records.stream().filter(r -> r.getInteger("priority") == HIGH)
                    .mapToInt(r -> r.getInteger("rank")).max().orElseThrow();
            System.out.printf("probe priority: %d high-priority messages sent after %d others; last one processed at rank %d%n",
                    highTotal, lowTotal, worstHighRank);
            // Per-key order still binds a key's messages to one consumer at a time, so each high key needs
            // HIGH_MESSAGES_PER_KEY turns; a pool of 8 sessions gets through them within a few rounds.
            assertTrue(worstHighRank <= 5 * total / 10 && worstHighRank <= 8 * (HIGH_MESSAGES_PER_KEY + 2) + highTotal,
                    "high-priority messages overtook the backlog: last one at rank " + worstHighRank + " of " + total);
        }

        Map<String, Integer> lastSeqOnRedis = new HashMap<>();
        for (String message : published) {
            String[] parts = message.split(":");
            int previous = lastSeqOnRedis.getOrDefault(parts[0], -1);
            assertEquals(previous + 1, Integer.parseInt(parts[1]), "per-key order on Redis for " + parts[0]);
            lastSeqOnRedis.put(parts[0], Integer.parseInt(parts[1]));
        }
    }

    private static String probe(String key, int seq, int priority) {
        return "{\"key\":\"" + key + "\",\"seq\":" + seq + ",\"priority\":" + priority + "}";
    }

    private void workerDelivery(String operation) throws Exception {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        ModelNode address = op.get("address");
        address.add("deployment", "ept.ear");
        address.add("subdeployment", "ept-jms.jar");
        address.add("subsystem", "ejb3");
        address.add("message-driven-bean", "WorkerMdb");
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());
    }
}
