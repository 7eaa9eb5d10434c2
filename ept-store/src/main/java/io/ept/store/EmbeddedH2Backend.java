package io.ept.store;

import static de.bwaldvogel.mongo.backend.Constants.ID_FIELD;
import static de.bwaldvogel.mongo.backend.Constants.PRIMARY_KEY_INDEX_NAME;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.logging.Logger;

/**
 * mongo-java-server's H2 backend with fast unique indexes and compact document storage. The stock backend keys each index's B-tree with
 * {@link KeyValue}s through H2's generic {@link ObjectDataType}, which compares objects that are not
 * {@link Comparable} by Java-serialising both sides: every comparison of every index lookup (the {@code _id} index
 * included) serialised two objects, so each insert, update or keyed find cost about 0.3 ms of CPU and the store
 * managed only about 2,000 writes a second. Here the index maps compare key values element by element with
 * mongo-java-server's own {@link ValueComparator} (the same equality the memory backend's hash indexes use);
 * keys and pages are still written in the stock format.
 *
 *
 * <p>Documents are stored as BSON ({@link DocumentType}) instead of Java serialisation, and the data maps hold them
 * encoded ({@link Encoded}, in {@link Collection}): H2 rewrites a whole page (dozens of documents) for every changed
 * document, and serialising the unchanged ones again was the store's largest CPU cost under load. Values written by
 * the stock backend are still read.
 *
 * <p>Index maps written by the stock backend are ordered differently; each one is re-sorted once when first opened
 * (entries copied out, the map cleared and refilled), and remembered in the map {@value #RESORTED_MAP}.
 */
public final class EmbeddedH2Backend extends H2Backend {

    private static final Logger LOG = Logger.getLogger(EmbeddedH2Backend.class.getName());
    static final String RESORTED_MAP = "ept.index-maps-sorted-by-value";
    /** The {@code _id} index maps whose string entries have been removed ({@link IdIndex}). */
    static final String STRING_IDS_MOVED_MAP = "ept.id-index-maps-without-string-ids";

    public EmbeddedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // called from the super constructor already (existing databases): use its store, not a field of ours
        return new Database(databaseName, getCursorRegistry());
    }

    /** A collection's data map: documents as {@link Encoded} BSON. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MVMap<Object, Object> dataMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<Object, Object>().valueType((DataType) new DocumentType()));
    }

    /** An index map, keyed by {@link KeyValueType}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MVMap<KeyValue, Object> indexMap(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType((DataType) new KeyValueType()));
    }

    /** H2's object type with a cheap, order-preserving comparison of index key values. */
    static final class KeyValueType extends ObjectDataType {
        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
                return compareKeys(ka, kb);
            }
            return super.compare(a, b);
        }

        /** Tag of the compact key format ({@link DocumentType#BSON} is 127; H2's own tags end at 119). */
        static final byte COMPACT_KEY = 126;
        private static final byte NULL = 0;
        private static final byte STRING = 1;
        private static final byte INT = 2;
        private static final byte LONG = 3;
        private static final byte DOUBLE = 4;
        private static final byte TRUE = 5;
        private static final byte FALSE = 6;
        private static final byte MISSING = 7;

        /**
         * Keys whose values are all scalars are written compactly; Java serialisation (the stock format, still used
         * for other values) built an ObjectOutputStream per key and was the index pages' main encoding cost.
         */
        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (!(obj instanceof KeyValue key) || !compact(key)) {
                super.write(buff, obj);
                return;
            }
            buff.put(COMPACT_KEY).putVarInt(key.size());
            for (Object v : key) {
                if (v == null) {
                    buff.put(NULL);
                } else if (v instanceof Missing) {
                    buff.put(MISSING);
                } else if (v instanceof String s) {
                    buff.put(STRING).putVarInt(s.length()).putStringData(s, s.length());
                } else if (v instanceof Integer i) {
                    buff.put(INT).putVarInt(i);
                } else if (v instanceof Long l) {
                    buff.put(LONG).putVarLong(l);
                } else if (v instanceof Double d) {
                    buff.put(DOUBLE).putDouble(d);
                } else {
                    buff.put((Boolean) v ? TRUE : FALSE);
                }
            }
        }

        private static boolean compact(KeyValue key) {
            for (Object v : key) {
                if (v != null && !(v instanceof Missing) && !(v instanceof String) && !(v instanceof Integer)
                        && !(v instanceof Long) && !(v instanceof Double) && !(v instanceof Boolean)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != COMPACT_KEY) {
                return super.read(buff);
            }
            buff.get();
            int n = DataUtils.readVarInt(buff);
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                byte type = buff.get();
                values[i] = switch (type) {
                    case NULL -> null;
                    case MISSING -> Missing.getInstance();
                    case STRING -> DataUtils.readString(buff, DataUtils.readVarInt(buff));
                    case INT -> DataUtils.readVarInt(buff);
                    case LONG -> DataUtils.readVarLong(buff);
                    case DOUBLE -> buff.getDouble();
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    default -> throw new IllegalStateException("embedded MongoDB: unknown index key value type " + type);
                };
            }
            return new KeyValue(values);
        }

        @Override
        public int getMemory(Object obj) {
            if (obj instanceof KeyValue key) {
                int memory = 48;
                for (Object v : key) {
                    memory += v instanceof String s ? 48 + 2 * s.length() : 24;
                }
                return memory;
            }
            return super.getMemory(obj);
        }

        /**
         * An Integer, or a Double with an int's value: the server looks keys up normalised (every number a Double)
         * while they are stored as written, so an int key field (vnid, node) is compared as Double against Integer
         * or Double, which the generic comparator did at several times the cost.
         */
        private static boolean holdsInt(Number n) {
            return n instanceof Integer || n instanceof Double d && d == (int) d.doubleValue();
        }

        static int compareKeys(KeyValue a, KeyValue b) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                // the common cases in ValueComparator's own order (strings by compareTo, numbers by value)
                int c = x instanceof String sx && y instanceof String sy ? sx.compareTo(sy)
                        : x instanceof Integer ix && y instanceof Integer iy ? Integer.compare(ix, iy)
                        : x instanceof Number nx && y instanceof Number ny && holdsInt(nx) && holdsInt(ny)
                        ? Integer.compare(nx.intValue(), ny.intValue())
                        : ValueComparator.asc().compare(x, y);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }

    /**
     * A stored document as the BSON bytes it is written with. The data maps hold these instead of decoded documents:
     * H2 rewrites a whole page (dozens of documents) when one of them changes, and re-encoding every unchanged
     * neighbour at each commit was the largest CPU cost of the event load (issue 16); bytes are copied as they are.
     * A document is encoded once when written and decoded each time it is read, into a fresh instance, so no caller
     * can change a stored document in place.
     */
    record Encoded(byte[] bytes) {
        static Encoded of(Document document) {
            return new Encoded(StoredBson.encode(document));
        }

        Document decode() {
            return StoredBson.decode(bytes);
        }
    }

    /**
     * Collection documents as BSON, tagged so that values written by the stock backend (Java-serialised, tag 19) are
     * still read; those come back as decoded documents, the others as {@link Encoded} bytes, not decoded.
     */
    static final class DocumentType extends ObjectDataType {
        /** Not used by H2's ObjectDataType, whose tags end at 119. */
        static final byte BSON = 127;

        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (obj instanceof Encoded encoded) {
                buff.put(BSON).putVarInt(encoded.bytes().length).put(encoded.bytes());
            } else if (obj instanceof Document document) {
                write(buff, Encoded.of(document));
            } else {
                super.write(buff, obj);
            }
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != BSON) {
                return super.read(buff);
            }
            buff.get();
            byte[] bytes = new byte[DataUtils.readVarInt(buff)];
            buff.get(bytes);
            return new Encoded(bytes);
        }

        @Override
        public int getMemory(Object obj) {
            if (obj instanceof Encoded encoded) {
                return 32 + encoded.bytes().length;
            }
            // a decoded document (written by the stock backend) takes about twice its encoded size in the heap
            return obj instanceof Document ? 2048 : super.getMemory(obj);
        }
    }

    /**
     * The stock H2 unique index (whose constructor is not public) over a map with {@link KeyValueType} keys.
     *
     * <p>Keys of top-level fields holding scalars (EPT's indexes: {@code _id}, the endpoint keys) are built directly.
     * The stock index builds every key through streams, path splitting and a generic normaliser, three times per
     * insert ({@code checkAdd} before the insert, then {@code add}, which runs {@code checkAdd} again) and four times
     * per update (old and new key, compared in {@code checkUpdate} and again in {@code updateInPlace}): a tenth of the
     * embedded server's time under the event load (issue 16). Any other key (dotted paths, arrays, subdocuments)
     * takes the stock path, and so does every error, so messages stay the stock ones.
     */
    static class UniqueIndex extends AbstractUniqueIndex<Object> {
        final MVMap<KeyValue, Object> map;
        /** The key fields when all are top-level fields, else null (the stock path for every key). */
        private final String[] topLevelFields;

        boolean isIdIndex() {
            return topLevelFields != null && topLevelFields.length == 1 && ID_FIELD.equals(topLevelFields[0]);
        }

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
            String[] fields = keys.stream().map(IndexKey::getKey).toArray(String[]::new);
            boolean topLevel = fields.length > 0;
            for (String field : fields) {
                topLevel &= !field.isEmpty() && !field.contains(".") && !field.startsWith("$");
            }
            this.topLevelFields = topLevel ? fields : null;
        }

        /**
         * The normalised key of {@code document} (what the stock {@code getKeyValues} gives, as one key), or null when
         * the stock path must build it: a key field holds an array or a subdocument, or the index is sparse and the
         * document has none of its fields.
         */
        KeyValue scalarKey(Document document) {
            if (topLevelFields == null) {
                return null;
            }
            Object[] values = new Object[topLevelFields.length];
            boolean anyPresent = false;
            for (int i = 0; i < values.length; i++) {
                Object value = document.get(topLevelFields[i]);
                if (value instanceof java.util.Collection<?> || value instanceof Map<?, ?>) {
                    return null;
                }
                anyPresent |= value != null || document.containsKey(topLevelFields[i]);
                values[i] = normalizedScalar(value);
            }
            return isSparse() && !anyPresent ? null : new KeyValue(values);
        }

        /** mongo-java-server's normalisation of a scalar key value (numbers compare as doubles where exact). */
        private static Object normalizedScalar(Object value) {
            if (value == null || value instanceof Missing) {
                return null;
            }
            if (value instanceof Long l && l != (long) l.doubleValue()) {
                return value;
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                return d == 0.0 ? 0.0 : d; // -0.0 as 0.0
            }
            return value;
        }

        @Override
        public Set<KeyValue> getKeyValues(Document document) {
            KeyValue key = scalarKey(document);
            return key != null ? Set.of(key) : super.getKeyValues(document);
        }

        @Override
        public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
            KeyValue key = scalarKey(document);
            if (key == null || !checkedByAdd(collection) && containsKey(key)) {
                super.checkAdd(document, collection); // the stock path, and the stock error
            }
        }

        /**
         * Whether {@link #add} alone detects a duplicate of this index: the _id index of an insert-ordered collection
         * without other indexes, whose document {@link #add} removes again when it refuses its id (nothing else
         * has added it yet). One descent of the index instead of two per insert (EPT's event documents).
         */
        private boolean checkedByAdd(MongoCollection<Object> collection) {
            return isIdIndex() && collection instanceof Collection c && c.insertOrdered() && !c.hasOtherIndexes();
        }

        /** The collection has run {@link #checkAdd} on every index already; the put itself detects a duplicate. */
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            KeyValue key = scalarKey(document);
            if (key == null) {
                super.add(document, position, collection);
            } else if (!putKeyPosition(key, position)) {
                if (checkedByAdd(collection)) {
                    ((Collection) collection).discard(position);
                }
                super.checkAdd(document, collection); // throws the stock duplicate key error
                throw new IllegalStateException("embedded MongoDB: key " + key + " of " + getName() + " already exists");
            }
        }

        @Override
        protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
            KeyValue oldKey = scalarKey(oldDocument);
            KeyValue newKey = oldKey == null ? null : scalarKey(newDocument);
            return newKey != null ? oldKey.equals(newKey) : super.nullAwareEqualsKeys(oldDocument, newDocument);
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * The {@code _id} index of a collection whose data map is keyed by {@code _id} ({@link Collection}): string ids
     * (all of EPT's hot collections) are looked up in the data map itself, so an insert writes one B-tree instead of
     * two, and a commit encodes no index page for them. The stock index kept a second map from each id to itself:
     * about a third of the embedded store's page encoding and a tenth of its inserts' time under the event load
     * (issue 16). Ids of other types (numbers, which equal each other across types, ObjectIds, ...) keep the index
     * map, so uniqueness and lookups answer as before. String entries that earlier versions wrote to the index map
     * are removed the first time it is opened (remembered in {@value #STRING_IDS_MOVED_MAP}).
     */
    static final class IdIndex extends UniqueIndex {
        private final MVMap<Object, Object> data;

        IdIndex(MVMap<KeyValue, Object> map, MVMap<Object, Object> data, String name, List<IndexKey> keys) {
            super(map, name, keys, false);
            this.data = data;
        }

        /** The id of a key held in the data map, or null for a key the index map holds. */
        private static String stringId(KeyValue keyValue) {
            return keyValue.size() == 1 && keyValue.get(0) instanceof String id ? id : null;
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            String id = stringId(keyValue);
            if (id == null) {
                return map.get(keyValue);
            }
            return data.containsKey(id) ? id : null;
        }

        /**
         * A string id of a collection with no other index is not looked up here: the collection's put into the data
         * map, keyed by the id, refuses a duplicate ({@link Collection#addDocumentInternal}) and reports it through
         * {@link #stockCheckAdd}. One B-tree descent per insert instead of two (EPT's event documents). With other
         * unique indexes the id is checked first, as the stock server does, so a document that duplicates both its
         * id and another key gets the stock error.
         */
        @Override
        public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
            KeyValue key = scalarKey(document);
            if (key == null || stringId(key) == null || !(collection instanceof Collection c) || c.hasOtherIndexes()) {
                super.checkAdd(document, collection);
            }
        }

        /** The stock uniqueness check, which throws the stock duplicate key error. */
        void stockCheckAdd(Document document, MongoCollection<Object> collection) {
            super.checkAdd(document, collection);
        }

        /** The collection has just put the document in the data map (its position is its id): nothing to add. */
        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return stringId(keyValue) != null || super.putKeyPosition(keyValue, position);
        }

        /** Called before the collection removes the document from the data map. */
        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return stringId(keyValue) != null ? getPosition(keyValue) : map.remove(keyValue);
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>();
            for (Object id : data.keySet()) {
                if (id instanceof String s) {
                    entries.add(Map.entry(new KeyValue(s), s));
                }
            }
            entries.addAll(map.entrySet());
            return entries;
        }

        @Override
        public long getCount() {
            return data.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return data.isEmpty();
        }

        /** Removes the string-id entries an earlier version wrote to the index map (once: none are added now). */
        void forgetStringIds() {
            forgetStringIds(10_000);
        }

        /** In chunks of {@code chunk} keys: an index of millions of ids never sits in the heap whole. */
        void forgetStringIds(int chunk) {
            long removed = 0;
            KeyValue from = null;
            while (true) {
                List<KeyValue> stale = new ArrayList<>(chunk);
                java.util.Iterator<KeyValue> keys = map.keyIterator(from);
                KeyValue last = null;
                while (keys.hasNext() && stale.size() < chunk) {
                    last = keys.next();
                    if (stringId(last) != null) {
                        stale.add(last);
                    }
                }
                stale.forEach(map::remove);
                removed += stale.size();
                if (!keys.hasNext() || last == null) {
                    break;
                }
                from = map.higherKey(last);
                if (from == null) {
                    break;
                }
            }
            long total = removed;
            if (total > 0) {
                LOG.info(() -> "embedded MongoDB: " + total + " string ids moved out of index " + getName());
            }
        }
    }

    /**
     * The stock H2 collection's behaviour over a data map of {@link Encoded} documents: keyed by {@code _id} (the
     * event logs by insertion number, {@link InsertOrderedLayout}), each document encoded once per write. The collection's data size is not tracked: the stock collection BSON-encoded
     * every inserted document, and both versions of every updated one, only to keep collStats' dataSize, about 8 % of
     * EPT's CPU under the event load (issue 16), for a figure EPT never reads. collStats reports the size last
     * tracked.
     */
    static final class Collection extends AbstractSynchronizedMongoCollection<Object> {
        private static final String DATA_SIZE_KEY = "dataSize";
        private final MVMap<Object, Object> data;
        private final MVMap<String, Object> meta;
        /** Data keyed by insertion number, ids in the _id index map ({@link InsertOrderedLayout}); else keyed by _id. */
        private final boolean insertOrdered;
        /** The last insertion number given (insert-ordered layout only). */
        private final java.util.concurrent.atomic.AtomicLong lastPosition = new java.util.concurrent.atomic.AtomicLong();

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Object> data,
                   MVMap<String, Object> meta, CursorRegistry cursors, boolean insertOrdered) {
            super(database, name, options, cursors);
            this.data = data;
            this.meta = meta;
            this.insertOrdered = insertOrdered;
            if (insertOrdered && data.lastKey() instanceof Long last) {
                lastPosition.set(last);
            }
        }

        boolean insertOrdered() {
            return insertOrdered;
        }

        /** Removes a document just added whose id the _id index refused (insert-ordered layout). */
        void discard(Object position) {
            data.remove(position);
        }

        /** Whether the collection has an index besides {@code _id}. */
        boolean hasOtherIndexes() {
            return getIndexes().size() > 1;
        }

        private static Document decoded(Object stored) {
            return stored instanceof Encoded encoded ? encoded.decode() : (Document) stored;
        }

        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            // not tracked (see the class comment)
        }

        @Override
        protected int getDataSize() {
            Object size = meta.get(DATA_SIZE_KEY);
            return size instanceof Number n ? n.intValue() : 0;
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            if (insertOrdered) {
                // the _id index refuses a duplicate id (in checkAdd, or in add, which then discards this document)
                // and records the id with this position
                Long position = lastPosition.incrementAndGet();
                data.put(position, Encoded.of(document));
                return position;
            }
            Object id = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
            Object key = Missing.ofNullable(id);
            if (data.putIfAbsent(key, Encoded.of(document)) != null) {
                // the _id index leaves string ids to this put (IdIndex.checkAdd): its stock check reports the duplicate
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof IdIndex idIndex) {
                        idIndex.stockCheckAdd(document, this);
                    }
                }
                throw new IllegalStateException("embedded MongoDB: a document with _id " + id + " already exists in " + this);
            }
            return key;
        }

        @Override
        public int count() {
            return data.size();
        }

        @Override
        public boolean isEmpty() {
            return data.isEmpty();
        }

        @Override
        protected Document getDocument(Object position) {
            Object stored = data.get(position);
            return stored == null ? null : decoded(stored);
        }

        @Override
        protected void removeDocument(Object position) {
            if (data.remove(position) == null) {
                throw new NoSuchElementException("embedded MongoDB: no document at " + position + " in " + this);
            }
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            return data.entrySet().stream().map(e -> new DocumentWithPosition<>(decoded(e.getValue()), e.getKey()));
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Stream<Document> documents = isNaturalDescending(orderBy)
                    ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                    : data.values().stream().map(Collection::decoded);
            return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            data.put(Missing.ofNullable(position), Encoded.of(newDocument));
        }

        /**
         * EPT's most frequent writes, a replacement or a {@code $set} of top-level fields of one document selected
         * by {@code _id} alone, go straight to the document (the data map's key is the {@code _id}). The stock path
         * runs a query, a deep clone, a generic update and a position lookup in every index for each of them, about
         * half of the embedded server's time under the event load (issue 16). Anything else takes the stock path.
         */
        @Override
        public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                     boolean isMulti, boolean isUpsert, Oplog oplog) {
            Object id = selector.size() == 1 && ID_FIELD.equals(getIdField()) ? selector.get(ID_FIELD) : null;
            Document replacement = isMulti || !plainId(id) ? null : replacementOrSet(updateQuery);
            if (replacement != null && replacement.containsKey(ID_FIELD) && !id.equals(replacement.get(ID_FIELD))) {
                replacement = null; // the stock path reports the changed _id
            }
            if (replacement == null) {
                return super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
            }
            boolean set = updateQuery.containsKey("$set");
            Object position = insertOrdered ? positionOfId(id) : Missing.ofNullable(id);
            Object stored = position == null ? null : data.get(position);
            Document result = new Document();
            if (stored == null) {
                if (!isUpsert) {
                    result.put("n", 0);
                    result.put("nModified", 0);
                    return result;
                }
                Document inserted = new Document(ID_FIELD, id);
                replacement.forEach((field, value) -> {
                    if (!ID_FIELD.equals(field)) {
                        inserted.put(field, value);
                    }
                });
                addDocument(inserted);
                oplog.handleInsert(getFullName(), List.of(inserted));
                result.put("upserted", id);
                result.put("n", 0);
                result.put("nModified", 0);
                return result;
            }
            Document old = decoded(stored);
            Document updated;
            if (set) {
                // a shallow copy: nothing changes the values of either document, the new one is encoded at once
                updated = new Document(old);
                updated.putAll(replacement);
            } else {
                updated = new Document(ID_FIELD, old.get(ID_FIELD));
                replacement.forEach((field, value) -> {
                    if (!ID_FIELD.equals(field)) {
                        updated.put(field, value);
                    }
                });
            }
            boolean modified = !updated.equals(old);
            if (modified) {
                for (Index<Object> index : getIndexes()) {
                    index.checkUpdate(old, updated, this);
                }
                for (Index<Object> index : getIndexes()) {
                    index.updateInPlace(old, updated, position, this);
                }
                handleUpdate(position, old, updated);
            }
            oplog.handleUpdate(getFullName(), selector, updateQuery, modified ? List.of(id) : List.of());
            result.put("n", 1);
            result.put("nModified", modified ? 1 : 0);
            return result;
        }

        /** The insertion number of the document with this (string or integral) _id, from the _id index; null if none. */
        private Object positionOfId(Object id) {
            for (Index<Object> index : getIndexes()) {
                if (index instanceof UniqueIndex unique && unique.isIdIndex()) {
                    KeyValue key = unique.scalarKey(new Document(ID_FIELD, id));
                    return key == null ? null : unique.getPosition(key);
                }
            }
            throw new IllegalStateException("embedded MongoDB: " + this + " has no _id index");
        }

        private static boolean plainId(Object id) {
            return id instanceof String || id instanceof Integer || id instanceof Long;
        }

        /**
         * The fields a replacement document or a lone {@code $set} of top-level fields gives (its _id, if any, equal to
         * the selected one is dropped by the caller); null for any other update.
         */
        private static Document replacementOrSet(Document update) {
            if (update.isEmpty()) {
                return null;
            }
            if (update.size() == 1 && update.get("$set") instanceof Document set) {
                for (String field : set.keySet()) {
                    if (field.isEmpty() || field.contains(".") || field.startsWith("$") || ID_FIELD.equals(field)) {
                        return null;
                    }
                }
                return set;
            }
            for (Map.Entry<String, Object> e : update.entrySet()) {
                String field = e.getKey();
                if (field.isEmpty() || field.contains(".") || field.startsWith("$")) {
                    return null;
                }
            }
            return update;
        }
    }

    /**
     * An inner class on purpose: the super constructor opens the existing indexes before any field of this class is
     * set, and the enclosing instance (with the store) is the one reference already there.
     */
    final class Database extends H2Database {

        Database(String name, CursorRegistry cursors) {
            super(name, EmbeddedH2Backend.this.getMvStore(), cursors);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // the stock backend's map name, so dropping the index or the collection removes this map as before
            String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            MVStore store = EmbeddedH2Backend.this.getMvStore();
            MVMap<KeyValue, Object> map = indexMap(store, mapName);
            resortOnce(mapName, map);
            if (keys.size() == 1 && ID_FIELD.equals(keys.get(0).getKey()) && !collectionName.startsWith("system.")
                    && !InsertOrderedLayout.isUsedBy(store.openMap("meta." + getFullCollectionNamespace(collectionName)))) {
                // the same map instance as the collection's (MVStore hands out one per name)
                IdIndex index = new IdIndex(map, dataMap(store, getFullCollectionNamespace(collectionName)), indexName, keys);
                MVMap<String, Boolean> done = store.openMap(STRING_IDS_MOVED_MAP);
                if (!done.containsKey(mapName)) {
                    index.forgetStringIds();
                    done.put(mapName, Boolean.TRUE);
                }
                return index;
            }
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        private MVMap<Object, Object> dataMap(MVStore store, String fullName) {
            return EmbeddedH2Backend.dataMap(store, dataMapName(fullName));
        }

        /** The stock backend's map names. */
        private static String dataMapName(String fullName) {
            return "databases." + fullName;
        }

        private String idIndexMapName(String fullName) {
            return fullName + "._index_" + PRIMARY_KEY_INDEX_NAME;
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the stock backend's map names and collection class, with BSON values
            MVStore store = EmbeddedH2Backend.this.getMvStore();
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<String, Object> meta = store.openMap("meta." + fullName);
            boolean insertOrdered = InsertOrderedLayout.isUsedBy(meta);
            if (!insertOrdered && InsertOrderedLayout.isFor(collectionName) && ID_FIELD.equals(options.getIdField())) {
                // a new collection, or one an earlier version keyed by _id (converted once, before anything reads it)
                long converted = InsertOrderedLayout.convert(store, dataMapName(fullName), idIndexMapName(fullName));
                if (converted > 0) {
                    LOG.info(() -> "embedded MongoDB: " + fullName + " converted to insertion order (" + converted + " documents)");
                }
                InsertOrderedLayout.markUsedBy(meta);
                insertOrdered = true;
            }
            return new Collection(this, collectionName, options, dataMap(store, fullName), meta, cursorRegistry, insertOrdered);
        }

        private void resortOnce(String mapName, MVMap<KeyValue, Object> map) {
            MVMap<String, Boolean> sorted = EmbeddedH2Backend.this.getMvStore().openMap(RESORTED_MAP);
            if (sorted.containsKey(mapName)) {
                return;
            }
            if (!map.isEmpty()) {
                // iterating walks the pages in stored order without comparing keys
                List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, map.sizeAsLong()));
                for (Map.Entry<KeyValue, Object> e : map.entrySet()) {
                    entries.add(Map.entry(e.getKey(), e.getValue()));
                }
                map.clear();
                for (Map.Entry<KeyValue, Object> e : entries) {
                    map.put(e.getKey(), e.getValue());
                }
                LOG.info(() -> "embedded MongoDB: index " + mapName + " re-sorted (" + entries.size() + " keys)");
            }
            sorted.put(mapName, Boolean.TRUE);
        }
    }
}
