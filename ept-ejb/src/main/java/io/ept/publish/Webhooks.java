package io.ept.publish;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.ept.fabric.FabricRepository;
import io.ept.findings.FindingControls;
import io.ept.platform.Infrastructure;
import io.ept.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhooks per fabric (collection ept.webhook): URL, secret stored encrypted with the fabric secrets' key, and an
 * optional kind filter. Reads for delivery are cached for 2 s per fabric.
 */
@ApplicationScoped
public class Webhooks {
    public static final String COLLECTION = "ept.webhook";
    public static final Set<String> KINDS = Set.of("move", "stale", "offsubnet", "rapid", "clear", "monitor");
    private static final long CACHE_MILLIS = 2000;

    @Inject
    Infrastructure infrastructure;

    @Inject
    FabricRepository fabrics;

    @Inject
    FindingControls controls;

    private record Cached(long at, List<Webhook> hooks) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @PostConstruct
    void indexes() {
        try {
            collection().createIndex(Indexes.ascending("fabric"));
        } catch (RuntimeException ignored) {
            // created on a later start; reads work without it
        }
    }

    public Document add(String fabric, Caller actor, String url, String secret, List<String> kinds) {
        fabrics.requireFabric(fabric);
        URI uri = validUrl(url);
        if (secret == null || secret.length() < 16 || secret.length() > 256) {
            throw new io.ept.domain.InvalidValueException("secret", "secret must be 16 to 256 characters");
        }
        Set<String> kindSet = new LinkedHashSet<>();
        for (String k : kinds) {
            if (!KINDS.contains(k)) {
                throw new io.ept.domain.InvalidValueException("kinds", "unknown kind '" + k + "'; known: " + KINDS);
            }
            kindSet.add(k);
        }
        Document doc = new Document("_id", new ObjectId()).append("fabric", fabric).append("url", uri.toString())
                .append("secret", fabrics.encryptSecret(secret)).append("kinds", new ArrayList<>(kindSet))
                .append("by", actor.username()).append("at", System.currentTimeMillis());
        collection().insertOne(doc);
        cache.remove(fabric);
        controls.audit(fabric, actor, "add-webhook", uri.toString(), kindSet.isEmpty() ? "all events" : String.join(",", kindSet));
        return doc;
    }

    public List<Document> list(String fabric) {
        fabrics.requireFabric(fabric);
        return collection().find(Filters.eq("fabric", fabric)).sort(Sorts.ascending("at")).into(new ArrayList<>());
    }

    public void remove(String fabric, Caller actor, String id) {
        if (id == null || !ObjectId.isValid(id)) {
            throw new FindingControls.NotFoundException("'" + id + "' is not a webhook id");
        }
        Document gone = collection().findOneAndDelete(Filters.and(Filters.eq("fabric", fabric), Filters.eq("_id", new ObjectId(id))));
        if (gone == null) {
            throw new FindingControls.NotFoundException("no webhook " + id + " in fabric " + fabric);
        }
        cache.remove(fabric);
        controls.audit(fabric, actor, "remove-webhook", gone.getString("url"), "");
    }

    /** The fabric's webhooks with decrypted secrets, for delivery. */
    public List<Webhook> of(String fabric) {
        long now = System.currentTimeMillis();
        Cached c = cache.get(fabric);
        if (c == null || now - c.at() > CACHE_MILLIS) {
            List<Webhook> hooks = new ArrayList<>();
            for (Document d : collection().find(Filters.eq("fabric", fabric))) {
                hooks.add(new Webhook(d.getObjectId("_id").toHexString(), fabric, d.getString("url"),
                        fabrics.secret(d, "secret"), new LinkedHashSet<>(d.getList("kinds", String.class, List.of()))));
            }
            c = new Cached(now, hooks);
            cache.put(fabric, c);
        }
        return c.hooks();
    }

    /** What the API shows: never the secret. */
    public static Map<String, Object> view(Document d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.getObjectId("_id").toHexString());
        v.put("fabric", d.getString("fabric"));
        v.put("url", d.getString("url"));
        v.put("kinds", d.getList("kinds", String.class, List.of()));
        v.put("by", d.getString("by"));
        v.put("at", d.get("at", Number.class).longValue() / 1000.0);
        return v;
    }

    private MongoCollection<Document> collection() {
        return infrastructure.database().getCollection(COLLECTION);
    }

    private static URI validUrl(String url) {
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getUserInfo() == null && url.length() <= 2048) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new io.ept.domain.InvalidValueException("url", "url must be an absolute http or https URL without user info");
    }
}
