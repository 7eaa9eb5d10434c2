package io.ept.web.api;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** (No JAX-RS runtime in unit tests: the mapping itself is covered by ApiFuzzIT; here, how failures are classified.) */
class ApiExceptionMapperTest {

    @Test
    void overDeepJsonBodiesAreRecognisedAsTheClientsMalformedJson() {
        RuntimeException deep = assertThrows(RuntimeException.class,
                () -> Json.createReader(new StringReader("[".repeat(5000) + "]".repeat(5000))).read());
        assertTrue(ApiExceptionMapper.fromJsonParser(deep), deep.toString());
        assertTrue(ApiExceptionMapper.fromJsonParser(new RuntimeException(new jakarta.json.JsonException("x"))));
    }

    @Test
    void ourOwnFailuresAreNot() {
        assertFalse(ApiExceptionMapper.fromJsonParser(new RuntimeException("x")));
        assertFalse(ApiExceptionMapper.fromJsonParser(new ArrayIndexOutOfBoundsException(1)));
    }
}
