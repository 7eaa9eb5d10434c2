package io.ept.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * <p>Documents are stored as BSON ({@link DocumentType}) instead of Java serialisation: H2 rewrites a whole page
 * (dozens of documents) for every changed document, and Java-serialising those pages was the store's largest CPU
 * cost under load. Values written by the stock backend are still read.
 *
 * <p>Index maps written by the stock backend are ordered differently; each one is re-sorted once when first opened
 * (entries copied out, the map cleared and refilled), and remembered in the map {@value #RESORTED_MAP}.
 */
final class EmbeddedH2Backend extends H2Backend {

    private static final Logger LOG = Logger.getLogger(EmbeddedH2Backend.class.getName());
    static final String RESORTED_MAP = "ept.index-maps-sorted-by-value";

    EmbeddedH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // called from the super constructor already (existing databases): use its store, not a field of ours
        return new Database(databaseName, getCursorRegistry());
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

        static int compareKeys(KeyValue a, KeyValue b) {
            int n = Math.min(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                // the common cases in ValueComparator's own order (strings by compareTo, ints by value)
                int c = x instanceof String sx && y instanceof String sy ? sx.compareTo(sy)
                        : x instanceof Integer ix && y instanceof Integer iy ? Integer.compare(ix, iy)
                        : ValueComparator.asc().compare(x, y);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }

    /**
     * Collection documents as BSON, tagged so that values written by the stock backend (Java-serialised, tag 19) are
     * still read. The memory estimate (for H2's page cache) follows the encoded sizes.
     */
    static final class DocumentType extends ObjectDataType {
        /** Not used by H2's ObjectDataType, whose tags end at 119. */
        static final byte BSON = 127;
        private volatile int averageSize = 1024;
        /**
         * The BSON of documents as this store last wrote or read them, by identity (weak keys). H2 rewrites a whole
         * page (a dozen or more documents) when one of its documents changes; without this every unchanged
         * neighbour was encoded again, about 70 % of H2's serialisation thread under the event load (issue 16).
         * Safe because a document in the map is never changed in place: see {@link Collection#handleUpdate}.
         */
        private final Cache<Document, byte[]> encoded = Caffeine.newBuilder().weakKeys().build();

        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (!(obj instanceof Document document)) {
                super.write(buff, obj);
                return;
            }
            byte[] bytes = encoded.getIfPresent(document);
            if (bytes == null) {
                bytes = encode(document);
                encoded.put(document, bytes);
            }
            buff.put(BSON).putVarInt(bytes.length).put(bytes);
        }

        private byte[] encode(Document document) {
            ByteBuf out = Unpooled.buffer(averageSize);
            try {
                BsonEncoder.encodeDocument(document, out);
                int length = out.readableBytes();
                averageSize = (length + 15 * averageSize) / 16;
                byte[] bytes = new byte[length];
                out.readBytes(bytes);
                return bytes;
            } finally {
                out.release();
            }
        }

        @Override
        public Object read(ByteBuffer buff) {
            if (buff.get(buff.position()) != BSON) {
                return super.read(buff);
            }
            buff.get();
            int length = DataUtils.readVarInt(buff);
            byte[] bytes = new byte[length];
            buff.get(bytes);
            Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
            encoded.put(document, bytes);
            return document;
        }

        @Override
        public int getMemory(Object obj) {
            // decoded documents take about twice their encoded size in the heap
            return obj instanceof Document ? 2 * averageSize : super.getMemory(obj);
        }
    }

    /** The stock H2 unique index (whose constructor is not public) over a map with {@link KeyValueType} keys. */
    static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
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
     * An inner class on purpose: the super constructor opens the existing indexes before any field of this class is
     * set, and the enclosing instance (with the store) is the one reference already there.
     */
    /**
     * The stock H2 collection, except that an updated document is stored as a new object and the collection's data
     * size is not tracked.
     */
    static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        /**
         * mongo-java-server changes the stored document object in place, then calls this: storing a copy keeps every
         * object in the map unchanged from the moment it is stored, which is what {@link DocumentType}'s cache of
         * encodings relies on (the changed original is only referenced by superseded page versions).
         */
        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument.cloneDeeply());
        }

        /**
         * The stock collection BSON-encodes every inserted document, and both versions of every updated one, only to
         * keep a running data size (collStats' dataSize) in its meta map: about 8 % of EPT's CPU under the event
         * load (issue 16), for a figure EPT never reads. collStats reports the size last tracked.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }
    }

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
            MVMap<KeyValue, Object> map = store.openMap(mapName,
                    new MVMap.Builder<KeyValue, Object>().keyType((DataType) new KeyValueType()));
            resortOnce(mapName, map);
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the stock backend's map names and collection class, with BSON values
            MVStore store = EmbeddedH2Backend.this.getMvStore();
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store.openMap("databases." + fullName,
                    new MVMap.Builder<Object, Document>().valueType((DataType) new DocumentType()));
            MVMap<String, Object> meta = store.openMap("meta." + fullName);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
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
