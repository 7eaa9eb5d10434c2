package io.ept.application;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.ept.query.BulkQuery;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * One bulk query on one collection, ready to run: its total, and cursors over its page. Each {@link #open()} runs
 * the query again, so a caller can make one pass to learn the columns and another to write the rows, without
 * keeping rows in memory.
 */
public final class BulkRead {

    /** Documents are prepared (e.g. given what they refer to) this many at a time. */
    public static final int PREPARE_CHUNK = 500;

    private final MongoCollection<Document> collection;
    private final BulkQuery query;
    private final List<String> keys;
    private final UnaryOperator<List<Document>> prepare;

    private BulkRead(MongoCollection<Document> collection, BulkQuery query, List<String> keys, UnaryOperator<List<Document>> prepare) {
        this.collection = collection;
        this.query = query;
        this.keys = keys;
        this.prepare = prepare;
    }

    static BulkRead of(MongoCollection<Document> collection, BulkQuery query, List<String> keys) {
        return new BulkRead(collection, query, keys, rows -> rows);
    }

    /** Documents pass through {@code prepare} in chunks of {@value #PREPARE_CHUNK} before they are served. */
    static BulkRead of(MongoCollection<Document> collection, BulkQuery query, List<String> keys, UnaryOperator<List<Document>> prepare) {
        return new BulkRead(collection, query, keys, prepare);
    }

    public BulkQuery query() {
        return query;
    }

    /** How many documents the filter selects (all pages). */
    public long count() {
        return query.count(collection);
    }

    /** The page's documents, read as they are iterated; close it (a try-with-resources) to free the cursor. */
    public Rows open() {
        return new Rows(query.find(collection, keys).iterator(), prepare);
    }

    /** A cursor read ahead in chunks, each chunk passed through a preparation before its documents are served. */
    public static final class Rows implements Iterator<Document>, AutoCloseable {
        private final Iterator<Document> cursor;
        private final UnaryOperator<List<Document>> prepare;
        private Iterator<Document> chunk = Collections.emptyIterator();

        /** {@code cursor}: a MongoCursor (closed with this), or any iterator. */
        public Rows(Iterator<Document> cursor, UnaryOperator<List<Document>> prepare) {
            this.cursor = cursor;
            this.prepare = prepare;
        }

        @Override
        public boolean hasNext() {
            if (!chunk.hasNext() && cursor.hasNext()) {
                List<Document> docs = new ArrayList<>(PREPARE_CHUNK);
                while (docs.size() < PREPARE_CHUNK && cursor.hasNext()) {
                    docs.add(cursor.next());
                }
                chunk = prepare.apply(docs).iterator();
            }
            return chunk.hasNext();
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return chunk.next();
        }

        @Override
        public void close() {
            if (cursor instanceof MongoCursor<Document> c) {
                c.close();
            }
        }
    }
}
