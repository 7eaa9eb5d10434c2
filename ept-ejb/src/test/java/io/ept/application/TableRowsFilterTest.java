package io.ept.application;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.ept.application.TableRows.FilterKind.CONTAINS;
import static io.ept.application.TableRows.FilterKind.EQUALS_INT;
import static io.ept.application.TableRows.FilterKind.MIN_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TableRowsFilterTest {

    private final TableRows model = new TableRows("t", () -> null, () -> TableScope.fabric("f1"), null, false,
            Map.of("addr", new TableRows.Field("addr", CONTAINS),
                    "node", new TableRows.Field("events.0.node", EQUALS_INT),
                    "count", new TableRows.Field("count", MIN_INT)), "ts");

    private String json(Bson bson) {
        return bson.toBsonDocument().toJson();
    }

    @Test
    void columnFiltersAreAddedToTheBaseFilter() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("addr", "10.1.1.");
        filters.put("node", "101");
        filters.put("count", "5");
        String query = json(model.filter(filters));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": {\"$regularExpression\": {\"pattern\": \"\\\\Q10.1.1.\\\\E\", "
                + "\"options\": \"i\"}}}, {\"events.0.node\": 101}, {\"count\": {\"$gte\": 5}}]}", query);
    }

    @Test
    void emptyOrUnknownFiltersAreIgnoredAndBadNumbersMatchNothing() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("addr", "  ");
        filters.put("other", "x");
        assertEquals("{\"fabric\": \"f1\"}", json(model.filter(filters)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"events.0.node\": -1}]}",
                json(model.filter(Map.of("node", "leaf"))));
    }

    @Test
    void containsFiltersAreQuotedLiteralsOfBoundedLength() {
        String hostile = "^((a+))+$";
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": {\"$regularExpression\": {\"pattern\": \"\\\\Q^((a+))+$\\\\E\", "
                + "\"options\": \"i\"}}}]}", json(model.filter(Map.of("addr", hostile))));
        String huge = "a".repeat(10_000);
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"addr\": \"" + huge + "\"}]}",
                json(model.filter(Map.of("addr", huge))));
    }
}
