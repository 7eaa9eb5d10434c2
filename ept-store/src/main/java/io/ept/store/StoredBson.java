package io.ept.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * BSON of the stored documents, byte for byte what mongo-java-server's {@link BsonEncoder} writes and decoded into
 * the documents its {@link BsonDecoder} returns, at a fraction of the cost (issue 16: the two were a third of the
 * embedded store's CPU under an event storm). The stock encoder looks every key up again while iterating, and both
 * turn each array into a document keyed "0", "1", ... on the way; here entries are walked once, arrays are written
 * and read as arrays, ASCII text is copied without a charset encoder, and the decoder reuses the key strings it has
 * seen (with their hash codes) instead of building new ones. Value types EPT does not write (binary, regex,
 * timestamp, decimal, JavaScript, min/max keys) go through the stock codec.
 */
final class StoredBson {

    private static final int MAX_SIZE = BsonConstants.MAX_BSON_OBJECT_SIZE;
    /** Scratch buffers larger than this are not kept for the thread's next document. */
    private static final int KEPT_SCRATCH = 1 << 20;
    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
    private static final ThreadLocal<KeyCache> KEYS = ThreadLocal.withInitial(KeyCache::new);

    private StoredBson() {
    }

    static byte[] encode(Map<String, ?> document) {
        Writer w = WRITERS.get();
        w.size = 0;
        try {
            w.document(document);
            return Arrays.copyOf(w.bytes, w.size);
        } finally {
            if (w.bytes.length > KEPT_SCRATCH) {
                w.bytes = new byte[Writer.INITIAL];
            }
        }
    }

    static Document decode(byte[] bytes) {
        Reader r = new Reader(bytes, KEYS.get());
        Document d = r.document();
        if (r.pos != bytes.length) {
            throw new IllegalArgumentException("illegal BSON: " + (bytes.length - r.pos) + " bytes after the document");
        }
        return d;
    }

    // ---------------------------------------------------------------- encoding

    private static final class Writer {
        static final int INITIAL = 4096;
        byte[] bytes = new byte[INITIAL];
        int size;
        final KeyBytes keys = new KeyBytes();

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void byte1(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void int32At(int at, int v) {
            bytes[at] = (byte) v;
            bytes[at + 1] = (byte) (v >>> 8);
            bytes[at + 2] = (byte) (v >>> 16);
            bytes[at + 3] = (byte) (v >>> 24);
        }

        void int32(int v) {
            ensure(4);
            int32At(size, v);
            size += 4;
        }

        void int64(long v) {
            ensure(8);
            for (int i = 0; i < 8; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }

        /** UTF-8 like {@code String.getBytes(UTF_8)} (unpaired surrogates become '?'), without the copy for ASCII. */
        int utf8(String s) {
            int n = s.length();
            ensure(n);
            int start = size;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    size = start;
                    byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
                    ensure(encoded.length);
                    System.arraycopy(encoded, 0, bytes, size, encoded.length);
                    size += encoded.length;
                    return encoded.length;
                }
                bytes[size++] = (byte) c;
            }
            return n;
        }

        void cString(String s) {
            utf8(s);
            byte1(0);
        }

        void string(String s) {
            ensure(4);
            int at = size;
            size += 4;
            int length = utf8(s);
            byte1(0);
            int32At(at, length + 1);
        }

        void document(Map<String, ?> document) {
            ensure(4);
            int start = size;
            size += 4;
            for (Map.Entry<String, ?> e : document.entrySet()) {
                element(e.getKey(), e.getValue());
            }
            end(start);
        }

        void array(Collection<?> values) {
            ensure(4);
            int start = size;
            size += 4;
            int i = 0;
            for (Object v : values) {
                byte type = BsonEncoder.determineType(v);
                byte1(type);
                index(i++);
                value(type, v);
            }
            end(start);
        }

        private void end(int start) {
            byte1(BsonConstants.TERMINATING_BYTE);
            int length = size - start;
            if (length > MAX_SIZE) {
                throw new IllegalArgumentException("BSON object too large: " + length + " bytes");
            }
            int32At(start, length);
        }

        private void index(int i) {
            if (i < 10) {
                ensure(2);
                bytes[size++] = (byte) ('0' + i);
                bytes[size++] = 0;
            } else {
                cString(Integer.toString(i));
            }
        }

        void element(String key, Object value) {
            byte type = BsonEncoder.determineType(value);
            byte1(type);
            byte[] name = keys.bytes(key);
            if (name == null) {
                cString(key);
            } else {
                ensure(name.length + 1);
                System.arraycopy(name, 0, bytes, size, name.length);
                size += name.length;
                bytes[size++] = 0;
            }
            value(type, value);
        }

        @SuppressWarnings("unchecked")
        void value(byte type, Object value) {
            switch (type) {
                case BsonConstants.TYPE_UTF8_STRING -> string(value.toString());
                case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> document((Map<String, ?>) value);
                case BsonConstants.TYPE_ARRAY -> array((Collection<?>) value);
                case BsonConstants.TYPE_INT32 -> int32((Integer) value);
                case BsonConstants.TYPE_INT64 -> int64((Long) value);
                case BsonConstants.TYPE_DOUBLE -> int64(Double.doubleToRawLongBits((Double) value));
                case BsonConstants.TYPE_BOOLEAN -> byte1((Boolean) value ? BsonConstants.BOOLEAN_VALUE_TRUE
                        : BsonConstants.BOOLEAN_VALUE_FALSE);
                case BsonConstants.TYPE_UTC_DATETIME -> int64(((Instant) value).toEpochMilli());
                case BsonConstants.TYPE_NULL -> {
                }
                case BsonConstants.TYPE_OBJECT_ID -> {
                    byte[] id = ((ObjectId) value).toByteArray();
                    if (id.length != BsonConstants.LENGTH_OBJECTID) {
                        throw new IllegalArgumentException("Illegal ObjectId: " + value);
                    }
                    ensure(id.length);
                    System.arraycopy(id, 0, bytes, size, id.length);
                    size += id.length;
                }
                default -> {
                    ByteBuf out = Unpooled.buffer(32);
                    try {
                        BsonEncoder.encodeValue(type, value, out);
                        int n = out.readableBytes();
                        ensure(n);
                        out.readBytes(bytes, size, n);
                        size += n;
                    } finally {
                        out.release();
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- decoding

    private static final class Reader {
        final byte[] b;
        final KeyCache keys;
        int pos;

        Reader(byte[] bytes, KeyCache keys) {
            this.b = bytes;
            this.keys = keys;
        }

        private void need(int n) {
            if (n < 0 || n > b.length - pos) {
                throw new IllegalArgumentException("illegal BSON: " + n + " bytes needed at " + pos + " of " + b.length);
            }
        }

        int int32() {
            need(4);
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        long int64() {
            need(8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[pos + i] & 0xff);
            }
            pos += 8;
            return v;
        }

        /** The end of the element list of a document or array starting at pos (its length checked). */
        private int open() {
            int start = pos;
            int length = int32();
            if (length < 5 || length > MAX_SIZE || start + length > b.length) {
                throw new IllegalArgumentException("illegal BSON object length " + length + " at " + start + " of " + b.length);
            }
            return start + length - 1;
        }

        private void close(int end) {
            if (pos != end || b[end] != BsonConstants.TERMINATING_BYTE) {
                throw new IllegalArgumentException("illegal BSON object: terminating byte not found at " + end);
            }
            pos = end + 1;
        }

        private int terminator() {
            for (int i = pos; i < b.length; i++) {
                if (b[i] == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("string termination not found");
        }

        Document document() {
            int end = open();
            Document d = new Document();
            while (pos < end) {
                byte type = b[pos++];
                int stop = terminator();
                String key = keys.key(b, pos, stop - pos);
                pos = stop + 1;
                if (d.put(key, value(type)) != null) {
                    throw new IllegalArgumentException("Document already contains field '" + key + "'");
                }
            }
            close(end);
            return d;
        }

        List<Object> array() {
            int end = open();
            List<Object> values = new ArrayList<>();
            while (pos < end) {
                byte type = b[pos++];
                pos = terminator() + 1; // the index key, "0", "1", ...: the list's order is the array's
                values.add(value(type));
            }
            close(end);
            return values;
        }

        String string() {
            int length = int32();
            need(length);
            if (length < 1 || b[pos + length - 1] != 0) {
                throw new IllegalArgumentException("illegal BSON string of length " + length + " at " + pos);
            }
            String s = new String(b, pos, length - 1, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        Object value(byte type) {
            switch (type) {
                case BsonConstants.TYPE_UTF8_STRING:
                    return string();
                case BsonConstants.TYPE_EMBEDDED_DOCUMENT:
                    return document();
                case BsonConstants.TYPE_ARRAY:
                    return array();
                case BsonConstants.TYPE_INT32:
                    return int32();
                case BsonConstants.TYPE_INT64:
                    return int64();
                case BsonConstants.TYPE_DOUBLE:
                    return Double.longBitsToDouble(int64());
                case BsonConstants.TYPE_BOOLEAN:
                    need(1);
                    byte v = b[pos++];
                    if (v == BsonConstants.BOOLEAN_VALUE_TRUE) {
                        return Boolean.TRUE;
                    } else if (v == BsonConstants.BOOLEAN_VALUE_FALSE) {
                        return Boolean.FALSE;
                    }
                    throw new IllegalArgumentException("Illegal boolean value:" + v);
                case BsonConstants.TYPE_UTC_DATETIME:
                    return Instant.ofEpochMilli(int64());
                case BsonConstants.TYPE_NULL:
                case BsonConstants.TYPE_UNDEFINED:
                    return null;
                case BsonConstants.TYPE_OBJECT_ID:
                    need(BsonConstants.LENGTH_OBJECTID);
                    ObjectId id = new ObjectId(Arrays.copyOfRange(b, pos, pos + BsonConstants.LENGTH_OBJECTID));
                    pos += BsonConstants.LENGTH_OBJECTID;
                    return id;
                default:
                    ByteBuf in = Unpooled.wrappedBuffer(b, pos, b.length - pos);
                    Object value = BsonDecoder.decodeValue(type, in);
                    pos += in.readerIndex();
                    return value;
            }
        }
    }

    /**
     * UTF-8 bytes of the key strings of this thread's recent documents: stored documents repeat a few dozen field
     * names, and copying their bytes is cheaper than encoding them character by character (the largest single cost of
     * encoding under the event load). Keys arrive with their hash codes already computed (they are map keys).
     */
    private static final class KeyBytes {
        private static final int SLOTS = 1024;
        private static final int LONGEST = 48;
        private final String[] strings = new String[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];

        /** The key's UTF-8 bytes, or null for a key too long to keep. */
        byte[] bytes(String key) {
            if (key.length() > LONGEST) {
                return null;
            }
            int h = key.hashCode();
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            String known = strings[slot];
            if (known == key || key.equals(known)) {
                return bytes[slot];
            }
            byte[] encoded = key.getBytes(StandardCharsets.UTF_8);
            strings[slot] = key;
            bytes[slot] = encoded;
            return encoded;
        }
    }

    /**
     * Key strings of this thread's recent documents, by their UTF-8 bytes: stored documents repeat a few dozen field
     * names, and a reused String carries its hash code into the document's map.
     */
    private static final class KeyCache {
        private static final int SLOTS = 1024;
        private static final int LONGEST = 48;
        private final byte[][] bytes = new byte[SLOTS][];
        private final String[] strings = new String[SLOTS];

        String key(byte[] b, int from, int length) {
            if (length > LONGEST) {
                return new String(b, from, length, StandardCharsets.UTF_8);
            }
            int h = 1;
            for (int i = from; i < from + length; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            byte[] known = bytes[slot];
            if (known != null && Arrays.equals(known, 0, known.length, b, from, from + length)) {
                return strings[slot];
            }
            String s = new String(b, from, length, StandardCharsets.UTF_8);
            bytes[slot] = Arrays.copyOfRange(b, from, from + length);
            strings[slot] = s;
            return s;
        }
    }
}
