package io.ept.cluster;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fabric leases in MongoDB (collection {@code fabric_leases}, one document per fabric, {@code _id} the fabric's
 * name). Every change is one atomic conditional update on that document, so two nodes can never both take a lease:
 * a taker's filter matches only an expired lease (or one of its own name), a holder's renewal only while owner,
 * instance and token are still its own.
 */
public class FabricLeases {

    static final String COLLECTION = "fabric_leases";

    private final MongoCollection<Document> leases;

    public FabricLeases(MongoDatabase database) {
        this.leases = database.getCollection(COLLECTION);
    }

    /**
     * Takes the fabric's lease if it is free, expired or already this node's (a restarted node takes back its own
     * with a new token). Empty when another node holds it.
     */
    public Optional<FabricLease> acquire(String fabric, String node, String instance, long nowMillis, long leaseMillis) {
        Bson takeable = Filters.and(Filters.eq("_id", fabric),
                Filters.or(Filters.lte("expires", nowMillis), Filters.eq("owner", node)));
        Bson update = Updates.combine(Updates.set("owner", node), Updates.set("instance", instance),
                Updates.set("expires", nowMillis + leaseMillis), Updates.set("acquired", nowMillis),
                Updates.set("move_to", ""), Updates.set("status", "starting"), Updates.set("reason", ""),
                Updates.set("started", 0.0), Updates.inc("token", 1L));
        if (leases.find(Filters.eq("_id", fabric)).first() != null) {
            Document doc = leases.findOneAndUpdate(takeable, update,
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            return Optional.ofNullable(doc).map(FabricLeases::lease);
        }
        // the fabric's first lease: an insert, so two first takers cannot both succeed
        try {
            Document first = new Document("_id", fabric).append("owner", node).append("instance", instance)
                    .append("expires", nowMillis + leaseMillis).append("acquired", nowMillis).append("move_to", "")
                    .append("status", "starting").append("reason", "").append("started", 0.0).append("token", 1L);
            leases.insertOne(first);
            return Optional.of(lease(first));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Extends a lease this node holds and records its subscriber's status; empty when the lease is no longer this
     * node's (taken after it lapsed), otherwise the stored lease (an admin's move request included).
     */
    public Optional<FabricLease> renew(FabricLease held, long nowMillis, long leaseMillis, SubscriberReport report) {
        Document doc = leases.findOneAndUpdate(ownedBy(held),
                Updates.combine(Updates.set("expires", nowMillis + leaseMillis), Updates.set("status", report.status()),
                        Updates.set("reason", report.reason()), Updates.set("started", report.started())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(doc).map(FabricLeases::lease);
    }

    /** Gives the lease up at once (its token stays, so the next holder's is higher). */
    public void release(FabricLease held, String reason) {
        leases.updateOne(ownedBy(held), Updates.combine(Updates.set("expires", 0L), Updates.set("owner", ""),
                Updates.set("status", "stopped"), Updates.set("reason", reason), Updates.set("started", 0.0)));
    }

    /** Asks the holder to hand the fabric to {@code node} (empty: cancel). */
    public void requestMove(String fabric, String node) {
        leases.updateOne(Filters.eq("_id", fabric), Updates.set("move_to", node),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    public void forget(String fabric) {
        leases.deleteOne(Filters.eq("_id", fabric));
    }

    public Map<String, FabricLease> all() {
        Map<String, FabricLease> all = new LinkedHashMap<>();
        for (Document doc : leases.find()) {
            FabricLease lease = lease(doc);
            all.put(lease.fabric(), lease);
        }
        return all;
    }

    public Optional<FabricLease> find(String fabric) {
        return Optional.ofNullable(leases.find(Filters.eq("_id", fabric)).first()).map(FabricLeases::lease);
    }

    private static Bson ownedBy(FabricLease held) {
        return Filters.and(Filters.eq("_id", held.fabric()), Filters.eq("owner", held.owner()),
                Filters.eq("instance", held.instance()), Filters.eq("token", held.token()));
    }

    static FabricLease lease(Document doc) {
        return new FabricLease(doc.getString("_id"), text(doc, "owner"), text(doc, "instance"), number(doc, "token"),
                number(doc, "expires"), text(doc, "move_to"), text(doc, "status"), text(doc, "reason"),
                doc.get("started") instanceof Number n ? n.doubleValue() : 0, number(doc, "acquired"));
    }

    private static String text(Document doc, String field) {
        return doc.get(field) instanceof String s ? s : "";
    }

    private static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /** What the holder says of its subscriber when it renews. */
    public record SubscriberReport(String status, String reason, double started) {
    }
}
