package io.ept.messaging.probe;

import io.ept.platform.JsonSupport;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.ept.messaging.UnprocessableWorkException;
import io.ept.messaging.WorkItem;
import io.ept.messaging.WorkQueues;
import io.ept.messaging.WorkTypes;
import io.ept.platform.Infrastructure;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import org.bson.Document;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * End-to-end self-test of the worker pipeline: probe messages go through the worker queue and MDB pool, and each
 * consumer records the global order in which it processed them (MongoDB collection {@value #COLLECTION}) and
 * publishes it on the Redis channel {@code ept.probe.<run>}. Operators and integration tests use it to check
 * per-key ordering and priority on a live server.
 */
@Stateless
public class PipelineProbe {

    public static final String COLLECTION = "ept.probe";
    public static final String CHANNEL_PREFIX = "ept.probe.";

    @Inject
    Infrastructure infrastructure;

    @Inject
    WorkQueues queues;

    public record Probe(String run, String key, int seq, int priority) {
    }

    public void send(List<Probe> probes) {
        List<WorkItem> items = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            String body = JsonSupport.JSON.createObjectBuilder().add("run", p.run()).add("key", p.key())
                    .add("seq", p.seq()).add("priority", p.priority()).build().toString();
            items.add(new WorkItem(WorkTypes.PROBE, "probe|" + p.run() + "|" + p.key(), p.priority(), body));
        }
        queues.toWorkers(items);
    }

    public void record(String body) {
        Probe probe = parse(body);
        String id = probe.run() + "|" + probe.key() + "|" + probe.seq();
        MongoCollection<Document> records = infrastructure.database().getCollection(COLLECTION);
        if (records.find(eq("_id", id)).first() != null) {
            return; // redelivered after it was recorded: idempotent
        }
        Document counter = infrastructure.database().getCollection(COLLECTION + ".counter").findOneAndUpdate(
                eq("_id", probe.run()), Updates.inc("processed", 1),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        int rank = counter.getInteger("processed");
        try {
            records.insertOne(new Document("_id", id).append("run", probe.run()).append("key", probe.key())
                    .append("seq", probe.seq()).append("priority", probe.priority()).append("rank", rank)
                    .append("ts", System.currentTimeMillis() / 1000.0));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return;
            }
            throw e;
        }
        infrastructure.redis().publish(CHANNEL_PREFIX + probe.run(),
                probe.key() + ":" + probe.seq() + ":" + probe.priority() + ":" + rank);
    }

    private static Probe parse(String body) {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            return new Probe(json.getString("run"), json.getString("key"), json.getInt("seq"), json.getInt("priority"));
        } catch (JsonException | NullPointerException | ClassCastException e) {
            throw new UnprocessableWorkException("malformed probe message: " + body, e);
        }
    }
}
