package io.ept.store;

import static de.bwaldvogel.mongo.backend.Constants.ID_FIELD;
import static de.bwaldvogel.mongo.backend.Constants.PRIMARY_KEY_INDEX_NAME;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

/**
 * The layout of append-only collections (EPT's event logs, {@value #SUFFIX}): documents keyed by their insertion
 * number, ids in the {@code _id} index map, as a MongoDB collection that is not clustered stores them. Other
 * collections keep their documents keyed by {@code _id} ({@link EmbeddedH2Backend.IdIndex}), one B-tree for rows
 * that are read and rewritten by id.
 *
 * <p>Why: H2 rewrites a whole page for each change. Event documents keyed by {@code "<row id>|<seq>"} land all over
 * their B-tree, so every insert dirtied a page of dozens of documents, each written again at the next commit; in
 * insertion order they fill the last page, and the random inserts go to the id index, whose entries are a few
 * dozen bytes (issue 16: about a tenth of EPT's CPU per event under an event storm).
 *
 * <p>The layout is recorded in the collection's meta map. A collection an earlier version keyed by {@code _id} is
 * converted when it is opened, into a second map that replaces the first: a crash at any point leaves either the
 * old map (converted again from the start) or the finished copy under its temporary name (put in place).
 */
final class InsertOrderedLayout {

    /** Collections with this name suffix are append-only: EPT's {@code ept.history_event} and its siblings. */
    static final String SUFFIX = "_event";
    private static final String LAYOUT_KEY = "ept.layout";
    private static final String INSERT_ORDERED = "insert-ordered";
    static final String CONVERSION_SUFFIX = ".converting-to-insert-order";

    private InsertOrderedLayout() {
    }

    static boolean isFor(String collectionName) {
        return collectionName.endsWith(SUFFIX) && !collectionName.startsWith("system.");
    }

    static boolean isUsedBy(MVMap<String, Object> meta) {
        return INSERT_ORDERED.equals(meta.get(LAYOUT_KEY));
    }

    static void markUsedBy(MVMap<String, Object> meta) {
        meta.put(LAYOUT_KEY, INSERT_ORDERED);
    }

    /**
     * Puts the documents of the data map {@code dataMapName} in insertion order (numbered 1, 2, ... in their id
     * order) and rebuilds the {@code _id} index map {@code idIndexMapName} from their ids. Returns the documents
     * converted (0 for a new, empty collection).
     */
    static long convert(MVStore store, String dataMapName, String idIndexMapName) {
        String copyName = dataMapName + CONVERSION_SUFFIX;
        MVMap<Object, Object> data = EmbeddedH2Backend.dataMap(store, dataMapName);
        if (store.hasMap(copyName)) {
            MVMap<Object, Object> copy = EmbeddedH2Backend.dataMap(store, copyName);
            if (data.isEmpty() && !copy.isEmpty()) {
                // stopped after the old map was removed: the copy and the index are complete
                long size = copy.sizeAsLong();
                store.removeMap(data);
                store.renameMap(copy, dataMapName);
                return size;
            }
            store.removeMap(copy); // an unfinished copy: start again
        }
        if (data.isEmpty()) {
            return 0;
        }
        MVMap<Object, Object> copy = EmbeddedH2Backend.dataMap(store, copyName);
        MVMap<KeyValue, Object> index = EmbeddedH2Backend.indexMap(store, idIndexMapName);
        index.clear();
        EmbeddedH2Backend.UniqueIndex ids = new EmbeddedH2Backend.UniqueIndex(index, PRIMARY_KEY_INDEX_NAME,
                List.of(new IndexKey(ID_FIELD, true)), false);
        long position = 0;
        for (Map.Entry<Object, Object> e : data.entrySet()) {
            Object stored = e.getValue();
            Document document = stored instanceof EmbeddedH2Backend.Encoded encoded ? encoded.decode() : (Document) stored;
            position++;
            copy.put(position, stored);
            for (KeyValue key : ids.getKeyValues(document)) {
                if (!ids.putKeyPosition(key, position)) {
                    throw new IllegalStateException("embedded MongoDB: _id " + key + " twice in " + dataMapName);
                }
            }
        }
        store.removeMap(data);
        store.renameMap(copy, dataMapName);
        return position;
    }
}
