package io.ept.platform;

import com.mongodb.MongoClientSettings;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DirectDocumentCodecTest {

    private static byte[] encode(Codec<Document> codec, Document document, boolean collectible) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            codec.encode(writer, document, EncoderContext.builder().isEncodingCollectibleDocument(collectible).build());
        }
        return out.toByteArray();
    }

    private static List<Document> documents() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put("nested", new Document("x", List.of(1, 2)));
        List<Document> docs = new ArrayList<>();
        docs.add(new Document("fabric", "f1").append("_id", "row|7").append("vnid", 2818048).append("count", 7L)
                .append("ts", 1.7e9).append("stale", false).append("none", null)
                .append("events", List.of(new Document("status", "created").append("flags", List.of("local", "bounce"))
                        .append("node", 101).append("_id", "inner id stays in place"))));
        docs.add(new Document("oid", new ObjectId("5f1d7a2b9c3e4d5f6a7b8c9d")).append("when", new Date(1_700_000_000_000L))
                .append("dec", Decimal128.parse("1.25")).append("map", map).append("set", new LinkedHashSet<>(List.of("a", "b")))
                .append("bytes", new byte[]{1, 2, 3}).append("listOfLists", List.of(List.of(1L, 2.5), List.of())));
        docs.add(new Document());
        docs.add(new Document("_id", new ObjectId("5f1d7a2b9c3e4d5f6a7b8c9e")));
        docs.add(new Document("nulls", Arrays.asList(null, new Document("a", null))).append("_id", 5));
        return docs;
    }

    @Test
    void encodesExactlyAsTheDriversCodec() {
        DocumentCodec stock = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
        DirectDocumentCodec direct = new DirectDocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
        for (Document d : documents()) {
            for (boolean collectible : new boolean[]{true, false}) {
                assertArrayEquals(encode(stock, d, collectible), encode(direct, d, collectible),
                        d.toJson() + (collectible ? " (collectible)" : ""));
            }
        }
    }

    @Test
    void writesTheSameJsonAsTheDocument() {
        for (Document d : documents()) {
            assertEquals(d.toJson(), DirectDocumentCodec.toJson(d));
        }
    }

    @Test
    void idsAreTheDriversToo() {
        DirectDocumentCodec direct = new DirectDocumentCodec(MongoClientSettings.getDefaultCodecRegistry());
        Document without = new Document("a", 1);
        assertEquals(false, direct.documentHasId(without));
        direct.generateIdIfAbsentFromDocument(without);
        assertEquals(ObjectId.class, without.get("_id").getClass());
        assertEquals("row|1", direct.getDocumentId(new Document("_id", "row|1")).asString().getValue());
    }
}
