package io.ept.platform;

import jakarta.json.JsonObject;

import java.io.StringReader;

/** A message received on one of EPT's Redis channels (see {@link RedisSubscriber}). */
public record RedisMessage(String channel, String message) {

    /** The JSON body, or null when the message is not a JSON object. */
    public JsonObject json() {
        try (var reader = JsonSupport.JSON.createReader(new StringReader(message))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
