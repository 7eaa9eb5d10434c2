package io.ept.web.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestPathsTest {

    @Test
    void rawUrisThatCouldDivergeFromTheServedPathAreRefused() {
        for (String uri : new String[]{
                "/ept/resources/../settings.xhtml", "/ept/api/../settings.xhtml", "/ept/resources/%2e%2e/settings.xhtml",
                "/ept/resources/%2E%2E/settings.xhtml", "/ept/resources/.%2e/settings.xhtml",
                "/ept/resources/%252e%252e/settings.xhtml", "/ept/resources;x=y/../settings.xhtml",
                "/ept/api/..;/settings.xhtml", "/ept/api;/fabric", "/ept/resources/..%2fsettings.xhtml",
                "/ept/resources/..%2Fsettings.xhtml", "/ept/resources/..\\settings.xhtml", "/ept/resources/%5c..%5csettings.xhtml",
                "/ept/./settings.xhtml", "/ept/resources/..", "/ept//settings.xhtml", "/ept/login.xhtml%00.js",
                "/ept/settings.xhtml;jsessionid=1", "ept/x", "", null}) {
            assertNotNull(RequestPaths.rejection(uri), "must be refused: " + uri);
        }
    }

    @Test
    void ordinaryPathsPass() {
        for (String uri : new String[]{"/ept/", "/ept/index.xhtml", "/ept/jakarta.faces.resource/theme.css.xhtml",
                "/ept/api/uni/fb-demo/endpoint/vnid-2818048/addr-10.1.2.12", "/ept/api/ept/endpoint",
                "/ept/api/uni/fb-demo/endpoint/vnid-1/addr-2001:db8::1", "/ept/resources/ept/ept.js",
                "/ept/jakarta.faces.push/eptevents", "/ept/docs/", "/ept/api/uni/fb-a.b/events", "/ept/x..y/a...b"}) {
            assertNull(RequestPaths.rejection(uri), uri);
        }
    }

    @Test
    void decisionsAreTakenOnTheServedPath() {
        assertEquals("/settings.xhtml", RequestPaths.normalised("/settings.xhtml", null));
        assertEquals("/api/fabric", RequestPaths.normalised("/api", "/fabric"));
        assertEquals("/", RequestPaths.normalised("", null));
        assertTrue(RequestPaths.isApi("/api/fabric"));
        assertTrue(RequestPaths.isApi("/api"));
        assertFalse(RequestPaths.isApi("/apix/settings.xhtml"));
        assertTrue(RequestPaths.isPush("/jakarta.faces.push/eptevents"));
    }

    @Test
    void onlyTheLoginPageAndStaticAssetsArePublic() {
        assertTrue(RequestPaths.isPublic("/login.xhtml"));
        assertTrue(RequestPaths.isPublic("/jakarta.faces.resource/theme.css.xhtml"));
        assertTrue(RequestPaths.isPublic("/resources/ept/ept.js"));
        assertTrue(RequestPaths.isPublic("/docs/index.html"));
        assertFalse(RequestPaths.isPublic("/settings.xhtml"));
        assertFalse(RequestPaths.isPublic("/"));
        assertFalse(RequestPaths.isPublic("/resources/settings.xhtml"), "a Faces page under a static prefix");
        assertFalse(RequestPaths.isPublic("/docs/x.jsf"));
        assertFalse(RequestPaths.isPublic("/webjars/x.FACES"));
        assertFalse(RequestPaths.isPublic("/faces/settings.xhtml"));
        assertFalse(RequestPaths.isPublic("/login.xhtml/x"));
        assertFalse(RequestPaths.isPublic("/jakarta.faces.push/eptevents"));
    }
}
