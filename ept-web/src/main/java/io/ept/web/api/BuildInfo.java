package io.ept.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: version and git commit, recorded by the build in {@code ept-build.properties}. */
public record BuildInfo(String version, String commit, String date, long timestamp, String branch, String author) {

    public static final String APP_ID = "EnhancedEndpointTracker";

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/ept-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String timestamp = properties.getProperty("build.timestamp", "0");
        long epoch;
        try {
            // the build's UTC time as yyyyMMdd_HHmmss (also the version of the UI's resource library)
            epoch = java.time.LocalDateTime.parse(timestamp, java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                    .toEpochSecond(java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            epoch = 0;
        }
        return new BuildInfo(value(properties, "version"), value(properties, "git.commit.id.abbrev"),
                value(properties, "git.commit.time"), epoch, value(properties, "git.branch"),
                value(properties, "git.commit.user.name"));
    }

    /** The EPT 2.x version object; contact details come from configuration (ept.contact.url, ept.contact.email). */
    public JsonObject toJson(String contactUrl, String contactEmail) {
        return Json.createObjectBuilder().add("version", version).add("app_id", APP_ID).add("commit", commit)
                .add("date", date).add("timestamp", timestamp).add("branch", branch).add("author", author)
                .add("contact_url", contactUrl).add("contact_email", contactEmail).build();
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "");
        // an unfiltered placeholder means the build ran outside git
        return value.startsWith("${") ? "unknown" : value;
    }
}
