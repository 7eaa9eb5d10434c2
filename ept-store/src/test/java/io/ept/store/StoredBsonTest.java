package io.ept.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stored documents' codec against mongo-java-server's own: the same bytes, the same decoded documents. */
class StoredBsonTest {

    private static byte[] stock(Document d) {
        ByteBuf out = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(d, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    private static void assertSameAsStock(Document d) {
        byte[] expected = stock(d);
        assertArrayEquals(expected, StoredBson.encode(d), () -> "encoding of " + d);
        Document stockDecoded = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(expected));
        Document decoded = StoredBson.decode(expected);
        assertEquals(List.copyOf(stockDecoded.keySet()), List.copyOf(decoded.keySet()), () -> "keys of " + d);
        for (String key : stockDecoded.keySet()) {
            if (!(stockDecoded.get(key) instanceof BsonRegularExpression)) { // no equals(): compared by its bytes below
                assertEquals(stockDecoded.get(key), decoded.get(key), () -> "decoded value of " + key + " in " + d);
            }
        }
        assertArrayEquals(expected, stock(decoded), () -> "the decoded document's bytes, of " + d);
    }

    private static Document everyType() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(i % 3 == 0 ? "v" + i : i % 3 == 1 ? (Object) (long) i : new Document("i", i));
        }
        return new Document("_id", "row|1")
                .append("ascii", "10.1.2.3").append("empty", "").append("accents", "Zürich café ünïcödé")
                .append("cjk", "端点 エンドポイント").append("emoji", "\uD83D\uDE80 go")
                .append("lone surrogate", "a\uD800b").append("control", "tab\tnew\nline")
                .append("ключ", "значение")
                .append("int", 42).append("int min", Integer.MIN_VALUE).append("long", Long.MAX_VALUE)
                .append("long min", Long.MIN_VALUE).append("double", 1.5).append("nan", Double.NaN)
                .append("negative zero", -0.0).append("infinity", Double.NEGATIVE_INFINITY)
                .append("true", true).append("false", false).append("null", null)
                .append("instant", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("object id", new ObjectId(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}))
                .append("binary", new BinData(new byte[]{0, 1, 2, (byte) 255}))
                .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .append("legacy uuid", new LegacyUUID(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .append("regex", new BsonRegularExpression("^10\\.", "i"))
                .append("timestamp", new BsonTimestamp(Instant.ofEpochSecond(1_700_000_000L), 7))
                .append("decimal", Decimal128.ONE).append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("code", new BsonJavaScript("function() {}"))
                .append("nested", new Document("a", new Document("b", List.of(1, "two", new Document()))))
                .append("empty array", List.of()).append("empty document", new Document())
                .append("many", many).append("set", new LinkedHashSet<>(List.of("x", "y", "z")))
                .append("arrays in arrays", List.of(List.of(1, 2), List.of(), List.of(List.of("deep"))));
    }

    @Test
    void everyValueTypeEncodesAndDecodesLikeTheStockCodec() {
        assertSameAsStock(everyType());
        assertSameAsStock(new Document());
    }

    @Test
    void randomDocumentsEncodeAndDecodeLikeTheStockCodec() {
        Random random = new Random(16);
        for (int i = 0; i < 2_000; i++) {
            assertSameAsStock(randomDocument(random, 0));
        }
    }

    @Test
    void documentsLargerThanTheKeptScratchBufferAndSmallOnesAfterThem() {
        char[] text = new char[3 << 20];
        Arrays.fill(text, 'x');
        assertSameAsStock(new Document("_id", 1).append("big", new String(text)));
        assertSameAsStock(new Document("_id", 2).append("small", "after"));
    }

    @Test
    void keysAreReusedAcrossDocumentsAndManyDistinctKeysStayCorrect() {
        byte[] bytes = StoredBson.encode(new Document("fabric", "f1").append("addr", "10.0.0.1"));
        String first = StoredBson.decode(bytes).keySet().iterator().next();
        String second = StoredBson.decode(bytes).keySet().iterator().next();
        assertEquals("fabric", first);
        assertSame(first, second);
        Document wide = new Document();
        for (int i = 0; i < 5_000; i++) {
            wide.append("key" + i, i);
        }
        assertSameAsStock(wide);
        assertSameAsStock(wide);
    }

    @Test
    void malformedBytesAreRefused() {
        byte[] good = StoredBson.encode(new Document("a", "text").append("b", true).append("c", List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(Arrays.copyOf(good, good.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(Arrays.copyOf(good, good.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(new byte[]{5, 0, 0, 0, 1}));
        byte[] hugeLength = good.clone();
        hugeLength[0] = (byte) 0xff;
        hugeLength[3] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(hugeLength));
        // the string "text": its length field made negative, then larger than what follows
        int stringLength = 4 + 2; // document length, type byte, key "a" and its terminator
        byte[] negative = good.clone();
        negative[stringLength + 3] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(negative));
        byte[] tooLong = good.clone();
        tooLong[stringLength] = 100;
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(tooLong));
        // the boolean's byte: neither 0 nor 1
        byte[] badBoolean = good.clone();
        int booleanAt = indexOf(good, new byte[]{8, 'b', 0}) + 3;
        badBoolean[booleanAt] = 2;
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(badBoolean));
        byte[] duplicate = StoredBson.encode(new Document("a", 1).append("b", 2));
        duplicate[indexOf(duplicate, new byte[]{'b', 0})] = 'a';
        assertThrows(IllegalArgumentException.class, () -> StoredBson.decode(duplicate));
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static Document randomDocument(Random random, int depth) {
        Document d = new Document();
        int fields = random.nextInt(depth == 0 ? 16 : 6);
        for (int i = 0; i < fields; i++) {
            d.put(randomKey(random), randomValue(random, depth));
        }
        return d;
    }

    private static String randomKey(Random random) {
        String[] common = {"_id", "fabric", "vnid", "addr", "node", "events", "ts", "status", "count", "first_seq"};
        // no unpaired surrogates: UTF-8 turns each into '?', and two such keys of a document would collide
        return random.nextBoolean() ? common[random.nextInt(common.length)] + random.nextInt(3) : randomString(random, false);
    }

    private static String randomString(Random random) {
        return randomString(random, true);
    }

    private static String randomString(Random random, boolean surrogates) {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(surrogates ? 10 : 9);
            s.append(kind < 7 ? (char) (0x20 + random.nextInt(0x5f)) : kind < 9 ? (char) (0x80 + random.nextInt(0xd000))
                    : (char) (0xd800 + random.nextInt(0x800)));
        }
        return s.toString();
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 12 : 10)) {
            case 0: return randomString(random);
            case 1: return random.nextInt();
            case 2: return random.nextLong();
            case 3: return random.nextDouble() * 1e6 - 5e5;
            case 4: return random.nextBoolean();
            case 5: return null;
            case 6: return Instant.ofEpochMilli(random.nextLong() >> 20);
            case 7: {
                byte[] id = new byte[12];
                random.nextBytes(id);
                return new ObjectId(id);
            }
            case 8: return new BsonTimestamp(random.nextLong());
            case 9: return "10." + random.nextInt(256) + "." + random.nextInt(256) + ".1";
            case 10: return randomDocument(random, depth + 1);
            default: {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(14);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
        }
    }
}
