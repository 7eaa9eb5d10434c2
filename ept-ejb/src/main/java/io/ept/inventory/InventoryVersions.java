package io.ept.inventory;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Versions of the fabric's configuration tables (ept.node, ept.tunnel, ept.vpc, ept.pc, ept.vnid, ept.epg,
 * ept.subnet): each object's content is kept as versions with {@code active_from} and {@code active_until} (null
 * while current). Pure: given the open versions of a table and the rows the monitor now has, says which versions
 * end and which begin at {@code ts}. Rows are compared without their {@code ts} (the monitor's read time).
 */
public final class InventoryVersions {

    /** What changed in one table: keys whose open version ends, and rows that start a version. */
    public record Change(List<Object> closed, List<Document> opened) {
        public boolean isEmpty() {
            return closed.isEmpty() && opened.isEmpty();
        }
    }

    private InventoryVersions() {
    }

    /**
     * @param open    key to the content of its open version
     * @param current key to the row the monitor has now (absent: the object is gone)
     */
    public static Change diff(Map<Object, Document> open, Map<Object, Document> current) {
        List<Object> closed = new ArrayList<>();
        List<Document> opened = new ArrayList<>();
        for (Map.Entry<Object, Document> e : current.entrySet()) {
            Document before = open.get(e.getKey());
            if (before == null) {
                opened.add(e.getValue());
            } else if (!sameContent(before, e.getValue())) {
                closed.add(e.getKey());
                opened.add(e.getValue());
            }
        }
        for (Object key : open.keySet()) {
            if (!current.containsKey(key)) {
                closed.add(key);
            }
        }
        return new Change(closed, opened);
    }

    /** Equal apart from the read time and storage id. */
    public static boolean sameContent(Document a, Document b) {
        return stripped(a).equals(stripped(b));
    }

    /** The row's content as a version keeps it: no storage id, no read time, no fabric. */
    public static Document stripped(Document row) {
        Document d = new Document(row);
        d.remove("_id");
        d.remove("ts");
        d.remove("fabric");
        return d;
    }
}
