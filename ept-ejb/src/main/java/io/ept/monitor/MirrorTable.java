package io.ept.monitor;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One derived lookup table (ept.tunnel, ept.node...) as the mirror remembers it between rebuilds, to tell which rows
 * changed: each row BSON-encoded without its read time ({@code ts}). A tunnel row takes about 250 bytes so, where
 * the row as a document took about 750: 240K tunnels of a design-size fabric held 180 MB of documents.
 */
final class MirrorTable {

    private static final DocumentCodec CODEC = new DocumentCodec();

    private final Map<Object, byte[]> rows = new HashMap<>();

    /** A row's content as the table compares it: BSON of the row without {@code ts}, in the row's field order. */
    static byte[] content(Document row) {
        Document withoutTs = new Document(row);
        withoutTs.remove("ts");
        BasicOutputBuffer buffer = new BasicOutputBuffer(256);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            CODEC.encode(writer, withoutTs, EncoderContext.builder().build());
        }
        return buffer.toByteArray();
    }

    void put(Object key, byte[] content) {
        rows.put(key, content);
    }

    /** Whether the table holds a row under {@code key} with this content. */
    boolean holds(Object key, byte[] content) {
        return Arrays.equals(rows.get(key), content);
    }

    boolean contains(Object key) {
        return rows.containsKey(key);
    }

    Set<Object> keys() {
        return rows.keySet();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** The row under {@code key} (a fresh copy, without {@code ts}), or null. */
    Document get(Object key) {
        byte[] content = rows.get(key);
        if (content == null) {
            return null;
        }
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(content))) {
            return CODEC.decode(reader, DecoderContext.builder().build());
        }
    }
}
