package io.ept.query;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import io.ept.fabric.FabricSchemas;
import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;
import io.ept.security.GlobalSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The query options of every bulk route (ept-reference 5.1): filter, sort ({@code attr|asc,attr2|desc}), page
 * (0-based), page-size (default 10000, max 75000), count, include (projection; key attributes always kept).
 */
public record BulkQuery(Bson filter, Bson sort, int page, int pageSize, boolean countOnly, List<String> include) {

    public static final int DEFAULT_PAGE_SIZE = 10_000;
    public static final int MAX_PAGE_SIZE = 75_000;
    public static final long MAX_WINDOW = 50_000_000L;
    /**
     * Server-side time limit of one bulk query (MongoDB's maxTimeMS): a second line of defence behind
     * {@link SafeRegex} on a real MongoDB, which stops a query over its limit between documents; the embedded
     * server accepts and ignores it.
     */
    public static final long MAX_QUERY_SECONDS = 60;
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    public static BulkQuery parse(String filter, String sort, String page, String pageSize, String count, String include) {
        int pageNumber = integer("page", page, 0);
        int size = integer("page-size", pageSize, DEFAULT_PAGE_SIZE);
        if (pageNumber < 0) {
            throw new FilterSyntaxException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new FilterSyntaxException("page-size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) pageNumber * size > MAX_WINDOW) {
            throw new FilterSyntaxException("page * page-size must not exceed " + MAX_WINDOW);
        }
        return new BulkQuery(FilterParser.parse(filter), sort(sort), pageNumber, size,
                count != null && !"false".equalsIgnoreCase(count) && !"0".equals(count), attributes(include));
    }

    public List<Document> run(MongoCollection<Document> collection, List<String> keyAttributes) {
        return find(collection, keyAttributes).into(new ArrayList<>());
    }

    /** The page's documents as a cursor to stream from (nothing is read before it is iterated). */
    public FindIterable<Document> find(MongoCollection<Document> collection, List<String> keyAttributes) {
        FindIterable<Document> find = collection.find(filter).skip(page * pageSize).limit(pageSize)
                .batchSize(io.ept.platform.KeyFilter.BATCH_SIZE).maxTime(MAX_QUERY_SECONDS, TimeUnit.SECONDS);
        if (sort != null) {
            find.sort(sort);
        }
        if (!include.isEmpty()) {
            // the keys are always returned; an included path inside a key (fabric.x) is covered by the key itself
            List<String> fields = new ArrayList<>();
            include.stream().filter(f -> keyAttributes.stream().noneMatch(k -> f.startsWith(k + "."))).forEach(fields::add);
            keyAttributes.stream().filter(k -> !fields.contains(k)).forEach(fields::add);
            fields.removeIf(f -> keyAttributes.stream().anyMatch(k -> !k.equals(f) && k.startsWith(f + ".")));
            find.projection(Projections.include(fields));
        }
        return find;
    }

    public long count(MongoCollection<Document> collection) {
        return collection.countDocuments(filter, new CountOptions().maxTime(MAX_QUERY_SECONDS, TimeUnit.SECONDS));
    }

    /** At most this many sort or include attributes. */
    static final int MAX_ATTRIBUTES = 64;

    /**
     * Attribute names that hold secrets (APIC, SSH and SMTP passwords, and any other secret attribute of the
     * fabric, settings and global settings schemas): never filtered, sorted or projected on, so that no query can
     * reveal them, not even whether one is set. Names containing "password", "passwd", "pwd" or "secret" count
     * as secret too, whatever collection they are in.
     */
    static final Set<String> SECRETS = secretNames();

    private static Set<String> secretNames() {
        Set<String> names = new TreeSet<>();
        for (ObjectSchema schema : List.of(FabricSchemas.FABRIC, FabricSchemas.SETTINGS, GlobalSettings.SCHEMA)) {
            schema.attributes().stream().filter(Attribute::secret).forEach(a -> names.add(a.name().toLowerCase(Locale.ROOT)));
        }
        return Set.copyOf(names);
    }

    /** Whether a (dotted) attribute path names or reaches into a secret attribute. */
    public static boolean isSecret(String attribute) {
        for (String part : attribute.toLowerCase(Locale.ROOT).split("\\.")) {
            if (SECRETS.contains(part) || part.contains("password") || part.contains("passwd") || part.contains("pwd")
                    || part.contains("secret")) {
                return true;
            }
        }
        return false;
    }

    private static Bson sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        List<Bson> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : sort.split(",", -1)) {
            String term = part.trim();
            int bar = term.indexOf('|');
            String attribute = (bar < 0 ? term : term.substring(0, bar)).trim();
            String direction = bar < 0 ? "asc" : term.substring(bar + 1).trim().toLowerCase(Locale.ROOT);
            attribute(attribute, "sort");
            if (!seen.add(attribute)) {
                throw new FilterSyntaxException("sort: attribute '" + attribute + "' given twice");
            }
            if (seen.size() > MAX_ATTRIBUTES) {
                throw new FilterSyntaxException("sort: more than " + MAX_ATTRIBUTES + " attributes");
            }
            switch (direction) {
                case "asc" -> orders.add(Sorts.ascending(attribute));
                case "desc" -> orders.add(Sorts.descending(attribute));
                default -> throw new FilterSyntaxException("sort: direction must be asc or desc, got '"
                        + FilterParser.abbreviate(direction) + "' (sort=attr|asc,attr2|desc)");
            }
        }
        return Sorts.orderBy(orders);
    }

    private static List<String> attributes(String include) {
        if (include == null || include.isBlank()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        for (String field : include.split(",", -1)) {
            String f = field.trim();
            attribute(f, "include");
            if (!fields.contains(f)) {
                fields.add(f);
            }
            if (fields.size() > MAX_ATTRIBUTES) {
                throw new FilterSyntaxException("include: more than " + MAX_ATTRIBUTES + " attributes");
            }
        }
        // MongoDB refuses a projection of both a path and its prefix (a and a.b): say so as a client error
        for (String a : fields) {
            for (String b : fields) {
                if (!a.equals(b) && b.startsWith(a + ".")) {
                    throw new FilterSyntaxException("include: '" + a + "' and '" + b + "' overlap; give only one of them");
                }
            }
        }
        return fields;
    }

    /**
     * An attribute path the store accepts: letters, digits, '_' and '.' (no operators), and list indexes of at most
     * {@value #MAX_INDEX_DIGITS} digits (the embedded store fails on larger ones).
     */
    public static boolean validPath(String attribute) {
        if (!ATTRIBUTE.matcher(attribute).matches() || attribute.length() > 256) {
            return false;
        }
        for (String part : attribute.split("\\.")) {
            if (part.chars().allMatch(Character::isDigit) && part.length() > MAX_INDEX_DIGITS) {
                return false;
            }
        }
        return true;
    }

    static final int MAX_INDEX_DIGITS = 6;

    private static void attribute(String attribute, String parameter) {
        if (!validPath(attribute)) {
            throw new FilterSyntaxException(parameter + ": invalid attribute '" + FilterParser.abbreviate(attribute)
                    + "' (letters, digits, '_' and '.' only)");
        }
        if (isSecret(attribute)) {
            throw new FilterSyntaxException(parameter + ": attribute '" + attribute + "' is secret");
        }
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(name + " must be an integer between 0 and " + Integer.MAX_VALUE + ", got '"
                    + FilterParser.abbreviate(value) + "'");
        }
    }
}
