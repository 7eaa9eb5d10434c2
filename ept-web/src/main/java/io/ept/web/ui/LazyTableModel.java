package io.ept.web.ui;

import io.ept.application.TableRows;
import org.bson.Document;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.io.Serial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PrimeFaces data table's lazy model over {@link TableRows}: translates the widget's filters and sorts (column
 * field to typed text, column field and order) and leaves paging, filtering and sorting to the rows.
 */
public class LazyTableModel extends LazyDataModel<Document> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final TableRows rows;

    public LazyTableModel(TableRows rows) {
        this.rows = rows;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return rows.count(filters(filterBy));
    }

    @Override
    public List<Document> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return rows.load(first, pageSize, sorts(sortBy), filters(filterBy));
    }

    /** Every row the table selects now (filters and sort), up to {@code limit}: the CSV download. */
    public List<Document> current(int limit) {
        return rows.current(limit);
    }

    /** Forgets the table's rows, e.g. after its base filter changed or rows were deleted. */
    public void invalidate() {
        rows.invalidate();
    }

    @Override
    public String getRowKey(Document row) {
        return TableRows.rowKey(row);
    }

    @Override
    public Document getRowData(String rowKey) {
        return rows.row(rowKey);
    }

    static Map<String, String> filters(Map<String, FilterMeta> filterBy) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (filterBy != null) {
            for (FilterMeta meta : filterBy.values()) {
                filters.put(meta.getField(), meta.getFilterValue() == null ? null : meta.getFilterValue().toString());
            }
        }
        return filters;
    }

    static List<TableRows.Sort> sorts(Map<String, SortMeta> sortBy) {
        List<TableRows.Sort> sorts = new ArrayList<>();
        if (sortBy != null) {
            for (SortMeta meta : sortBy.values()) {
                if (meta.getOrder() != SortOrder.UNSORTED) {
                    sorts.add(new TableRows.Sort(meta.getField(), meta.getOrder() == SortOrder.DESCENDING));
                }
            }
        }
        return sorts;
    }
}
