package io.ept.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of EPT. {@code jakarta.json.Json.createReader/createObjectBuilder} look the provider up
 * through the service loader on every call, which made decoding one worker message cost about 40 us (measured by
 * the JMH benchmark in ept-bench); the provider itself is thread-safe and is looked up once here.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }
}
