package io.ept.web.ui;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.ept.web.ui.MongoLazyModel.FilterKind.CONTAINS;
import static io.ept.web.ui.MongoLazyModel.FilterKind.EQUALS_INT;
import static io.ept.web.ui.MongoLazyModel.FilterKind.MIN_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MongoLazyModelTest {

    private final MongoLazyModel model = new MongoLazyModel("t", () -> null, () -> new Document("fabric", "f1"), null,
            Map.of("addr", new MongoLazyModel.Field("addr", CONTAINS),
                    "node", new MongoLazyModel.Field("events.0.node", EQUALS_INT),
                    "count", new MongoLazyModel.Field("count", MIN_INT)), null);

    private static FilterMeta filter(String field, Object value) {
        return FilterMeta.builder().field(field).filterValue(value).build();
    }

    private String json(Bson bson) {
        return bson.toBsonDocument().toJson();
    }

    @Test
    void columnFiltersAreAddedToTheBaseFilter() {
        Map<String, FilterMeta> filters = new LinkedHashMap<>();
        filters.put("addr", filter("addr", "10.1.1."));
        filters.put("node", filter("node", "101"));
        filters.put("count", filter("count", "5"));
        String query = json(model.filter(filters));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": {\"$regularExpression\": {\"pattern\": \"\\\\Q10.1.1.\\\\E\", "
                + "\"options\": \"i\"}}}, {\"events.0.node\": 101}, {\"count\": {\"$gte\": 5}}]}", query);
    }

    @Test
    void emptyOrUnknownFiltersAreIgnoredAndBadNumbersMatchNothing() {
        Map<String, FilterMeta> filters = new LinkedHashMap<>();
        filters.put("addr", filter("addr", "  "));
        filters.put("other", filter("other", "x"));
        assertEquals("{\"fabric\": \"f1\"}", json(model.filter(filters)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"events.0.node\": -1}]}",
                json(model.filter(Map.of("node", filter("node", "leaf")))));
    }

    @Test
    void containsFiltersAreQuotedLiteralsOfBoundedLength() {
        String hostile = "^((a+))+$";
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": {\"$regularExpression\": {\"pattern\": \"\\\\Q^((a+))+$\\\\E\", "
                + "\"options\": \"i\"}}}]}", json(model.filter(Map.of("addr", filter("addr", hostile)))));
        String huge = "a".repeat(10_000);
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": \"" + huge + "\"}]}",
                json(model.filter(Map.of("addr", filter("addr", huge)))));
    }
}
