package io.ept.application;

import com.mongodb.client.model.Filters;
import io.ept.query.FilterParser;
import io.ept.query.FilterSyntaxException;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rows a UI table shows before the user's column filters: one fabric's, narrowed by the endpoint state the
 * page offers and by an expression in the REST API's filter syntax. Built here so the UI never writes a query.
 */
public final class TableScope {

    private final Bson filter;

    private TableScope(Bson filter) {
        this.filter = filter;
    }

    /** Every row of the fabric. */
    public static TableScope fabric(String fabric) {
        return new TableScope(Filters.eq("fabric", fabric));
    }

    /**
     * The fabric's endpoints in a state: active (the newest event is a learn), offsubnet, stale, rapid, or anything
     * else (all); {@code expression} (may be null) narrows them further.
     */
    public static TableScope endpoints(String fabric, String state, Expression expression) {
        List<Bson> clauses = new ArrayList<>();
        clauses.add(Filters.eq("fabric", fabric));
        switch (state == null ? "all" : state) {
            case "active" -> clauses.add(EndpointQueries.activeFilter());
            case "offsubnet" -> clauses.add(Filters.eq("is_offsubnet", true));
            case "stale" -> clauses.add(Filters.eq("is_stale", true));
            case "rapid" -> clauses.add(Filters.eq("is_rapid", true));
            default -> { }
        }
        if (expression != null) {
            clauses.add(expression.filter);
        }
        return new TableScope(Filters.and(clauses));
    }

    Bson filter() {
        return filter;
    }

    /** A filter expression in the REST API's syntax, parsed (and so checked) once. */
    public static final class Expression {
        private final Bson filter;

        private Expression(Bson filter) {
            this.filter = filter;
        }

        /** @throws FilterSyntaxException naming what is wrong with the expression */
        public static Expression parse(String text) {
            return new Expression(FilterParser.parse(text));
        }
    }
}
