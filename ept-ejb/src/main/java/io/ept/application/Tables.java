package io.ept.application;

import io.ept.platform.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The rows of the UI's data tables: one {@link TableRows} per table of a page, over one EPT collection. */
@ApplicationScoped
public class Tables {

    @Inject
    Infrastructure infrastructure;

    /** See {@link TableRows#TableRows}; the collection is looked up on each use. */
    public TableRows rows(String collection, Supplier<TableScope> scope, List<String> include, boolean firstEventOnly,
                          Map<String, TableRows.Field> fields, String newestFirstPath) {
        return new TableRows(collection, () -> infrastructure.database().getCollection(collection), scope, include,
                firstEventOnly, fields, newestFirstPath);
    }
}
