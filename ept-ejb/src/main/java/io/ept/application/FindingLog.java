package io.ept.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ept.findings.FindingControls;
import io.ept.findings.FindingKind;
import io.ept.findings.SuppressionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The finding log and the audit log of a fabric's findings workflow, newest first, a page at a time. */
@ApplicationScoped
public class FindingLog {

    /** One page of a log: its rows (without storage ids) and how many rows the whole selection has. */
    public record Page(List<Map<String, Object>> rows, long total) {
    }

    @Inject
    FindingControls controls;

    /**
     * Confirmed findings with their state; {@code state}, {@code kind} and {@code addr} narrow the selection when
     * not null or empty (an unknown state or kind is refused, naming the field).
     */
    public Page findings(String fabric, String state, String kind, String addr, int page, int pageSize) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("fabric", fabric)));
        if (state != null && !state.isEmpty()) {
            filters.add(Filters.eq("state", SuppressionState.of(state).wireName()));
        }
        if (kind != null && !kind.isEmpty()) {
            filters.add(Filters.eq("kind", FindingKind.of(kind).wireName()));
        }
        if (addr != null && !addr.isEmpty()) {
            filters.add(Filters.eq("addr", addr));
        }
        return page(controls.collection(FindingControls.LOG_COLLECTION), Filters.and(filters), page, pageSize);
    }

    /** Who acknowledged, snoozed, withdrew, added or removed what and when. */
    public Page audit(String fabric, int page, int pageSize) {
        return page(controls.collection(FindingControls.AUDIT), Filters.eq("fabric", fabric), page, pageSize);
    }

    /** The newest {@code limit} audit entries, as stored. */
    public List<Document> recentAudit(String fabric, int limit) {
        return controls.collection(FindingControls.AUDIT).find(Filters.eq("fabric", fabric))
                .sort(Sorts.descending("ts")).limit(limit).into(new ArrayList<>());
    }

    private static Page page(MongoCollection<Document> collection, Bson filter, int page, int pageSize) {
        long count = collection.countDocuments(filter);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document d : collection.find(filter).sort(Sorts.descending("ts")).skip(page * pageSize).limit(pageSize)) {
            d.remove("_id");
            rows.add(d);
        }
        return new Page(rows, count);
    }
}
