package io.ept.it;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 in the web UI: the endpoint page refuses a hostile address by name, and its refresh, delete and clear
 * actions (posted even though the page offers nothing to act on) run no SSH command and record nothing.
 */
@EnabledIf(value = "io.ept.it.Browser#available", disabledReason = "no headless Chromium")
class UiBoundaryIT extends DeployedEar {

    private static final String FABRIC = "ui-boundary-it";
    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void endpointPageRefusesHostileAddressesAndItsActionsRunNothing() {
        Fabrics.createAndStart(FABRIC);
        SimClient sim = TestInfrastructure.simulator();
        browser = new Browser("http://localhost:" + System.getProperty("ept.it.http.port") + "/ept/");
        Browser b = browser;
        b.logout();
        b.open("index.xhtml");
        b.type(By.id("loginForm:username"), "admin");
        b.type(By.id("loginForm:password"), EptDeployment.ADMIN_PASSWORD);
        b.click(By.id("loginForm:login"));
        b.waitFor(d -> !d.getCurrentUrl().contains("login.xhtml"));
        sim.clearSshLog();
        for (String hostile : List.of("10.1.2.12';id;echo '", "$(id)", "fe80::1%eth0")) {
            b.open("endpoint.xhtml?fabric=" + FABRIC + "&vnid=2818048&addr=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
            b.settle();
            assertTrue(b.messages().contains("addr:"), "the page names the bad field: " + b.messages());
            b.screenshot("endpoint-hostile-address");
            // forged postbacks of the admin actions (the page shows no endpoint to act on)
            for (String action : List.of("ep:refresh", "ep:delete")) {
                b.script("PrimeFaces.ab({s: '" + action + "', f: 'ep', p: '@all', u: 'ep'});");
                b.settle();
            }
            b.script("var n = document.getElementById('clearForm:nodes'); if (n) { n.value = '101'; }"
                    + "PrimeFaces.ab({s: 'clearForm:doClear', f: 'clearForm', p: '@all', u: 'ep clearForm'});");
            b.settle();
        }
        b.open("endpoint.xhtml?fabric=" + FABRIC + "&vnid=16777216&addr=10.1.1.11");
        b.settle();
        assertTrue(b.messages().contains("vnid") || b.text().contains("vnid"), "a bad vnid is refused: " + b.messages());
        assertEquals(List.of(), sim.sshCommands(), "no SSH command from the UI actions");
        assertEquals(0, Fabrics.db().getCollection("ept.remediate").countDocuments(new Document("fabric", FABRIC)));
        Fabrics.delete(FABRIC);
    }
}
