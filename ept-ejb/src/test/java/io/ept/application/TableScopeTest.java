package io.ept.application;

import io.ept.query.FilterSyntaxException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableScopeTest {

    private static String json(TableScope scope) {
        return scope.filter().toBsonDocument().toJson();
    }

    @Test
    void eachEndpointStateNarrowsTheFabricsRows() {
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"events.0.status\": {\"$in\": [\"created\", \"modified\"]}}]}",
                json(TableScope.endpoints("f1", "active", null)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"is_stale\": true}]}", json(TableScope.endpoints("f1", "stale", null)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"is_offsubnet\": true}]}", json(TableScope.endpoints("f1", "offsubnet", null)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"is_rapid\": true}]}", json(TableScope.endpoints("f1", "rapid", null)));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}]}", json(TableScope.endpoints("f1", "all", null)));
        assertEquals("{\"fabric\": \"f1\"}", json(TableScope.fabric("f1")));
    }

    @Test
    void anExpressionInTheApiSyntaxNarrowsFurtherAndABadOneIsRefused() {
        TableScope scope = TableScope.endpoints("f1", "all", TableScope.Expression.parse("gt(\"count\",3)"));
        assertEquals("{\"$and\": [{\"fabric\": \"f1\"}, {\"count\": {\"$gt\": 3}}]}", json(scope));
        assertThrows(FilterSyntaxException.class, () -> TableScope.Expression.parse("gt(\"count\""));
    }
}
