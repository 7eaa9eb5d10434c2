package io.ept.platform;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentJsonTest {

    private static final String AWKWARD = "q\"b\\s/\n\r\t\b\f\u0001\u001f\u007f é ü \u2028 \ud83d\ude00 lone \ud800 end";

    private static List<Document> documents() {
        List<Document> docs = new ArrayList<>();
        docs.add(new Document("fabric", "f1").append("vnid", 2818048).append("count", 7L).append("big", 1L << 40)
                .append("negative", Long.MIN_VALUE).append("ts", 1.7e9).append("fraction", 1759234567.125)
                .append("whole", 2.0).append("tiny", 4.9e-324).append("huge", 1e300).append("negZero", -0.0)
                .append("nan", Double.NaN).append("inf", Double.POSITIVE_INFINITY).append("minf", Double.NEGATIVE_INFINITY)
                .append("stale", false).append("on", true).append("none", null).append("text", AWKWARD)
                .append(AWKWARD, "key with escapes")
                .append("src", new Document("node", 101).append("intf_name", "eth1/1").append("flags", List.of("local", "bounce")))
                .append("lists", List.of(List.of(1, 2.5, "x"), List.of(), Arrays.asList(null, new Document()))));
        docs.add(new Document());
        docs.add(new Document("batch", "0f8fad5b-d9cb-469f-a165-70867728950e").append("jobs", List.of(
                new Document("fabric", "f").append("work_type", "watch_move").append("due", false))));
        return docs;
    }

    /** What a message written by the driver's JSON writer reads as with the driver's parser: the reference. */
    private static Document reference(Document d) {
        return Document.parse(DirectDocumentCodec.toJson(d));
    }

    @Test
    void readsItsOwnAndTheDriversTextIntoTheDriversDocument() {
        for (Document d : documents()) {
            Document expected = reference(d);
            String direct = DocumentJson.write(d);
            assertEquals(expected, DocumentJson.read(direct), direct);
            // a node of an earlier version reads the new text, and the new code reads messages queued by the old
            assertEquals(expected, Document.parse(direct), direct);
            assertEquals(expected, DocumentJson.read(DirectDocumentCodec.toJson(d)), direct);
        }
    }

    @Test
    void randomDocumentsRoundTrip() {
        Random random = new Random(16);
        for (int i = 0; i < 2000; i++) {
            Document d = randomDocument(random, 0);
            String direct = DocumentJson.write(d);
            assertEquals(reference(d), DocumentJson.read(direct), direct);
            assertEquals(reference(d), Document.parse(direct), direct);
        }
    }

    @Test
    void keepsTheTextAsciiAndTypesNumbersAsTheDriver() {
        String json = DocumentJson.write(new Document("s", AWKWARD));
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
        assertEquals(Integer.class, DocumentJson.number("2147483647").getClass());
        assertEquals(Long.class, DocumentJson.number("2147483648").getClass());
        assertEquals(Long.class, DocumentJson.number("-2147483649").getClass());
        assertEquals(Double.class, DocumentJson.number("1E3").getClass());
        String tooLarge = "{\"n\": 99999999999999999999}";
        assertThrows(NumberFormatException.class, () -> Document.parse(tooLarge));
        assertThrows(NumberFormatException.class, () -> DocumentJson.read(tooLarge));
    }

    @Test
    void otherValueTypesAndExtendedJsonGoThroughTheDriver() {
        Document odd = new Document("oid", new ObjectId("5f1d7a2b9c3e4d5f6a7b8c9d")).append("when", new Date(1_700_000_000_000L));
        assertEquals(DirectDocumentCodec.toJson(odd), DocumentJson.write(odd));
        assertEquals(odd, DocumentJson.read(DocumentJson.write(odd)));
        String extended = "{\"n\": {\"$numberLong\": \"5\"}, \"m\": {\"$numberInt\": \"6\"}, \"d\": {\"$date\": 1700000000000}}";
        assertEquals(Document.parse(extended), DocumentJson.read(extended));
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[]{"", "[]", "{", "{\"a\": }", "{\"a\": 1} x", "{\"a\": 1}}", "null", "{\"a\": tru}"}) {
            assertThrows(RuntimeException.class, () -> DocumentJson.read(bad), bad);
        }
    }

    private static Document randomDocument(Random random, int depth) {
        Document d = new Document();
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            d.append(randomString(random), randomValue(random, depth));
        }
        return d;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 10 : 8)) {
            case 0: return randomString(random);
            case 1: return random.nextInt();
            case 2: return random.nextLong();
            case 3: return random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) : (double) random.nextInt(1000);
            case 4: return random.nextBoolean();
            case 5: return null;
            case 6: return (long) random.nextInt(1000);
            case 7: return -random.nextDouble();
            case 8: return randomDocument(random, depth + 1);
            default:
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x60) : random.nextInt(0x3000)));
        }
        return s.toString();
    }
}
