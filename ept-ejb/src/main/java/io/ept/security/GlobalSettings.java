package io.ept.security;

import io.ept.fabric.schema.Attribute;
import io.ept.fabric.schema.ObjectSchema;

import java.util.List;

import static io.ept.fabric.schema.Attribute.bool;
import static io.ept.fabric.schema.Attribute.integer;
import static io.ept.fabric.schema.Attribute.string;

/** Application-wide settings (ept-reference 2.3), one document in collection {@code settings}. */
public final class GlobalSettings {

    public static final ObjectSchema SCHEMA = new ObjectSchema("settings", List.<Attribute>of(
            string("app_name").defaultValue("EPT").pattern("^.{1,64}$").description("name shown in the UI").build(),
            integer("session_timeout", 86_400).range(60, 31_536_000)
                    .description("lifetime in seconds of a login session (UI and API)").build(),
            integer("session_idle_timeout", 1_800).range(60, 31_536_000)
                    .description("seconds without a request after which a login session ends (besides session_timeout)")
                    .build(),
            integer("password_reset_timeout", 86_400).range(60, 31_536_000)
                    .description("lifetime in seconds of a password reset key").build(),
            bool("password_strength_check", false)
                    .description("require 8+ characters mixing at least three of lower, upper, digit, symbol").build()));

    private GlobalSettings() {
    }
}
