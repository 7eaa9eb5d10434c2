package io.ept.query;

import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterParserTest {

    private static String json(Bson bson) {
        return bson.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()).toJson();
    }

    @Test
    void nestedOperatorsAndValueTypes() {
        String q = json(FilterParser.parse("and(eq(\"fabric\",\"fab1\"),or(gt(\"count\",5),eq(\"is_stale\",true)),"
                + "neq(\"events.0.status\",'deleted'),le(\"ts\",1.5))"));
        assertTrue(q.contains("\"fabric\": \"fab1\""), q);
        assertTrue(q.contains("\"count\": {\"$gt\": 5}"), q);
        assertTrue(q.contains("\"is_stale\": true"), q);
        assertTrue(q.contains("\"events.0.status\": {\"$ne\": \"deleted\"}"), q);
        assertTrue(q.contains("\"ts\": {\"$lte\": 1.5}"), q);
    }

    @Test
    void operatorInjectionIsImpossible() {
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"$where\",\"1\")"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"a.$ne\",1)"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"events.99999999999.status\",1)"));
        FilterParser.parse("eq(\"events.0.status\",1)");
        String q = json(FilterParser.parse("eq(\"addr\",\"{\\\"$gt\\\": \\\"\\\"}\")"));
        assertTrue(q.contains("\"addr\": \"{\\\"$gt\\\": \\\"\\\"}\""), "values stay literal strings: " + q);
    }

    @Test
    void regexIsBounded() {
        assertEquals("{\"addr\": {\"$regularExpression\": {\"pattern\": \"^10\\\\.1\\\\.\", \"options\": \"\"}}}",
                json(FilterParser.parse("regex(\"addr\",\"^10\\\\.1\\\\.\")")));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("regex(\"addr\",\"(a+)+$\")"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("regex(\"addr\",\"(\")"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("regex(\"addr\",\"" + "a".repeat(300) + "\")"));
    }

    @Test
    void syntaxErrorsSayWhere() {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"a\",1"));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("drop(\"a\",1)"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"a\",bare)"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"a\",1) trailing"));
        assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("and(".repeat(40) + "eq(\"a\",1)" + ")".repeat(40)));
    }

    @Test
    void pagingLimits() {
        assertEquals(10_000, BulkQuery.parse(null, null, null, null, null, null).pageSize());
        assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, null, null, "75001", null, null));
        assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, null, "-1", null, null, null));
        assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, "addr|sideways", null, null, null, null));
        assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, null, "x", null, null, null));
    }

    @Test
    void malformedSortIncludeAndPagingAreClientErrorsNamingTheParameter() {
        for (String sort : new String[]{"|", ",", "a|", "|asc", "a,,b", "a|asc|desc", "a b", "$where", "a,a", "'"}) {
            FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                    () -> BulkQuery.parse(null, sort, null, null, null, null), sort);
            assertTrue(e.getMessage().startsWith("sort"), e.getMessage());
        }
        for (String include : new String[]{",", "a,", "|", "a..b", "a,a.b", "\"x\""}) {
            FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                    () -> BulkQuery.parse(null, null, null, null, null, include), include);
            assertTrue(e.getMessage().startsWith("include"), e.getMessage());
        }
        for (String page : new String[]{"99999999999999999999", "NaN", "1.5", "%00", "-1"}) {
            FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
                    () -> BulkQuery.parse(null, null, page, null, null, null), page);
            assertTrue(e.getMessage().startsWith("page"), e.getMessage());
        }
        assertEquals(2, ((java.util.List<?>) BulkQuery.parse(null, null, null, null, null, "addr, addr ,type").include()).size());
        BulkQuery.parse(null, "addr|DESC, ts", "1", "5", "1", "addr");
    }

    @Test
    void secretAttributesCannotBeFilteredSortedOrProjected() {
        for (String secret : new String[]{"apic_password", "ssh_password", "smtp_relay_password", "x.APIC_PASSWORD",
                "password", "pwd", "client_secret"}) {
            assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"" + secret + "\",\"x\")"), secret);
            assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("regex(\"" + secret + "\",\"^enc\")"), secret);
            assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, secret + "|asc", null, null, null, null));
            assertThrows(FilterSyntaxException.class, () -> BulkQuery.parse(null, null, null, null, null, "fabric," + secret));
        }
        BulkQuery.parse("eq(\"apic_username\",\"admin\")", "apic_hostname", null, null, null, "ssh_username");
    }

    @Test
    void numbersMustBeFinite() {
        for (String value : new String[]{"NaN", "Infinity", "1e999", "1f", "0x10", "1d"}) {
            assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("eq(\"a\"," + value + ")"), value);
        }
        String big = json(FilterParser.parse("eq(\"a\",99999999999999999999)"));
        assertEquals("{\"a\": 1.0E+20}", big);
    }
}
