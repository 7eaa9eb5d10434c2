package io.ept.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** EPT's REST API, under /ept/api (routes and envelopes of EPT 2.x). */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "EPT - Enhanced Endpoint Tracker API", version = "0.1.0"))
public class EptApiApplication extends Application {
}
