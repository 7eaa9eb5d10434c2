package io.ept.it;

import jakarta.json.JsonObject;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in a real headless Chromium: login, search to endpoint detail, the dashboard's live feed, a findings
 * list with filtering and CSV download, saving settings, and a read-only user who sees no write action and whose
 * forged posts change nothing. The fabric tracks the simulated APIC, where a host is learned, moved, made stale
 * and learned off-subnet so every page has real findings. Screenshots land in target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "io.ept.it.Browser#available",
        disabledReason = "no headless Chromium: /usr/bin/chromium and /usr/bin/chromedriver are missing and ensure-chromium.sh could not install them (Debian packages chromium, chromium-driver)")
class UiBrowserIT extends DeployedEar {

    private static final String FABRIC = "ui-it";
    private static final int VRF = 2818048;
    private static final String HOST_MAC = "00:00:5E:00:53:77";
    private static final String HOST_IP = "10.1.1.77";
    private static final String OFFSUBNET_IP = "10.1.99.77";
    private static final String VIEWER = "viewer-ui";
    private static final String VIEWER_PASSWORD = "viewer-Pass-1";

    private static Browser browser;
    private static boolean prepared;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Browser browser() {
        if (browser == null) {
            browser = new Browser("http://localhost:" + System.getProperty("ept.it.http.port") + "/ept/");
        }
        return browser;
    }

    private static SimClient sim() {
        return TestInfrastructure.simulator();
    }

    /** A fabric with a host that moved (103 to 101), is stale on 102 and has an off-subnet IP. */
    private static void prepareFabric() {
        if (prepared) {
            return;
        }
        Fabrics.createAndStart(FABRIC);
        sim().learn(HOST_MAC, HOST_IP, "uni/tn-tn1/ap-app1/epg-web", 103, "eth1/5", 102);
        await(HOST_IP + " local on 103").atMost(Duration.ofSeconds(30))
                .until(() -> Fabrics.newestNode(FABRIC, VRF, HOST_IP), n -> n == 103);
        sim().move(HOST_IP, 101, "eth1/7");
        await("a move of " + HOST_IP).atMost(Duration.ofSeconds(30)).until(
                () -> Fabrics.rows("ept.move", key(HOST_IP)), rows -> !rows.isEmpty());
        sim().stale(HOST_IP, 102, 103);
        sim().offSubnet(HOST_MAC, OFFSUBNET_IP);
        // node 102 is stale once 103's bounce entry expires, and the watcher confirms it after its hold time
        await("a stale record of " + HOST_IP).atMost(Duration.ofSeconds(60)).until(
                () -> Fabrics.rows("ept.stale", key(HOST_IP)).size(), n -> n >= 1);
        await("an off-subnet record of " + OFFSUBNET_IP).atMost(Duration.ofSeconds(40)).until(
                () -> Fabrics.rows("ept.offsubnet", key(OFFSUBNET_IP)).size(), n -> n >= 1);
        prepared = true;
    }

    private static Document key(String addr) {
        return new Document("fabric", FABRIC).append("addr", addr);
    }

    private static void login(String username, String password) {
        Browser b = browser();
        b.logout();
        b.open("index.xhtml");
        assertTrue(b.url().contains("login.xhtml"), "an anonymous visit goes to the login page: " + b.url());
        b.type(By.id("loginForm:username"), username);
        b.type(By.id("loginForm:password"), password);
        b.click(By.id("loginForm:login"));
        b.waitFor(d -> !d.getCurrentUrl().contains("login.xhtml"));
    }

    @Test
    @Order(1)
    void loginRefusesAWrongPasswordThenOpensTheHomePage() {
        prepareFabric();
        Browser b = browser();
        b.logout();
        b.open("dashboard.xhtml?fabric=" + FABRIC);
        assertTrue(b.url().contains("login.xhtml?next="), b.url());
        b.type(By.id("loginForm:username"), "admin");
        b.type(By.id("loginForm:password"), "not-the-password");
        b.click(By.id("loginForm:login"));
        b.waitFor(d -> d.findElement(By.id("loginForm:messages")).getText().contains("Wrong username or password"));

        b.type(By.id("loginForm:password"), EptDeployment.ADMIN_PASSWORD);
        b.click(By.id("loginForm:login"));
        b.waitFor(d -> d.getCurrentUrl().contains("dashboard.xhtml?fabric=" + FABRIC));

        b.open("index.xhtml");
        WebElement fabrics = b.find(By.id("home:fabrics"));
        b.waitFor(d -> fabrics.getText().contains(FABRIC));
        String row = b.find(By.xpath("//tbody[@id='home:fabrics_data']/tr[td//a[text()='" + FABRIC + "']]")).getText();
        assertTrue(row.contains("Running"), "the fabric table shows the monitor status: " + row);
        b.type(By.id("home:query"), "10.1.1.");
        b.waitFor(d -> d.findElement(By.id("home:results")).getText().contains("matching endpoint"));
        b.settle();
        b.screenshot("home");
    }

    @Test
    @Order(2)
    void searchOpensTheEndpointWithItsFindings() {
        prepareFabric();
        Browser b = browser();
        b.open("index.xhtml");
        b.type(By.id("searchForm:q_input"), HOST_IP);
        WebElement hit = b.find(By.xpath("//*[@id='searchForm:q_panel']//tr[contains(., '" + HOST_IP + "') and contains(., '" + FABRIC + "')]"));
        hit.click();
        b.waitFor(d -> d.getCurrentUrl().contains("endpoint.xhtml"));
        b.settle();
        assertTrue(b.url().contains("addr=" + HOST_IP) && b.url().contains("vnid=" + VRF), b.url());
        assertEquals(HOST_IP, b.find(By.id("epAddr")).getText());
        String location = b.find(By.id("location")).getText();
        assertTrue(location.contains("Local on pod-1 node 101 interface"), location);
        b.waitFor(d -> d.findElement(By.id("counters")).getText().contains("1\nmoves"));
        String staleNodes = b.find(By.xpath("//th[text()='Stale on']/following-sibling::td")).getText();
        assertTrue(staleNodes.contains("node 102"), () -> "node 102 is highlighted as stale: " + staleNodes
                + "\nendpoint: " + Fabrics.rows("ept.endpoint", key(HOST_IP))
                + "\nhistory: " + Fabrics.rows("ept.history", key(HOST_IP))
                + "\nstale: " + Fabrics.rows("ept.stale", key(HOST_IP)));
        b.find(By.cssSelector("#ep\\:timeline .vis-item"));
        assertEquals(2, b.all(By.cssSelector("#ep\\:timeline .vis-item")).size(), "the timeline shows both local learns");
        b.screenshot("endpoint-detail");
        b.click(By.xpath("//a[starts-with(normalize-space(.), 'Stale (')]"));
        assertTrue(b.text().contains("Expected remote"), "the Stale tab lists the stale records");
        String link = b.url();

        // Browse with the Stale state filter lists it; the Rapid filter does not
        b.open("endpoints.xhtml?fabric=" + FABRIC + "&state=stale");
        b.waitFor(d -> d.findElement(By.id("browse:table_data")).getText().contains(HOST_IP));
        b.click(By.xpath("//*[@id='browse:state']//label[text()='Rapid']"));
        b.waitFor(d -> !d.findElement(By.id("browse:table_data")).getText().contains(HOST_IP));

        // the endpoint page's address is a deep link: opening it directly shows the same endpoint
        b.open("index.xhtml");
        b.driver().get(link);
        b.settle();
        assertEquals(HOST_IP, b.find(By.id("epAddr")).getText());
    }

    @Test
    @Order(3)
    void dashboardShowsCountsAndPushesLiveEvents() {
        prepareFabric();
        Browser b = browser();
        b.open("dashboard.xhtml?fabric=" + FABRIC);
        assertTrue(Integer.parseInt(b.find(By.id("countMac")).getText().replace(",", "")) > 0, "active MACs counted");
        b.waitFor(d -> d.findElement(By.id("liveDot")).getAttribute("class").contains("on"), Duration.ofSeconds(20));
        // no reload: the move must arrive over the websocket
        sim().move(HOST_IP, 103, "eth1/9");
        b.waitFor(d -> d.findElement(By.id("liveFeed")).getText().contains(HOST_IP + " moved from node 101"), Duration.ofSeconds(30));
        assertTrue(b.find(By.id("dash:events")).getText().contains("running"), "the monitor event log is shown");
        b.screenshot("dashboard");
    }

    @Test
    @Order(4)
    void movesListFiltersSortsAndDownloadsCsv() throws IOException {
        prepareFabric();
        Browser b = browser();
        b.open("findings.xhtml?fabric=" + FABRIC + "&kind=moves");
        WebElement rows = b.find(By.id("findings:table_data"));
        b.waitFor(d -> rows.getText().contains(HOST_IP));
        WebElement addressFilter = b.find(By.xpath("//th[.//span[text()='Address']]//input"));
        addressFilter.sendKeys(HOST_MAC.substring(0, 14));
        b.waitFor(d -> {
            String text = d.findElement(By.id("findings:table_data")).getText();
            return text.contains(HOST_MAC) && !text.contains(HOST_IP);
        });
        addressFilter.clear();
        addressFilter.sendKeys(HOST_IP);
        b.waitFor(d -> d.findElement(By.id("findings:table_data")).getText().contains(HOST_IP));
        b.click(By.xpath("//th[.//span[text()='Events']]//span[contains(@class,'ui-sortable-column-icon')]"));
        b.settle();
        b.screenshot("findings-moves");

        try (Stream<Path> old = Files.list(Browser.DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        b.click(By.id("findings:csv"));
        Path csv = Browser.DOWNLOADS.resolve(FABRIC + "-moves.csv");
        b.waitFor(d -> Files.isRegularFile(csv) && csv.toFile().length() > 0, Duration.ofSeconds(20));
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("time,type,address,vnid,from_node"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(HOST_IP) && l.contains("101")), String.join("\n", lines));
        assertEquals(2, lines.size(), "the CSV holds the rows the filter selects: " + lines);
    }

    @Test
    @Order(5)
    void settingsAreSavedValidatedAndShownAgain() {
        prepareFabric();
        Browser b = browser();
        b.open("settings.xhtml?fabric=" + FABRIC);
        b.click(By.xpath("//ul[@role='tablist']//a[text()='Notifications']"));
        By syslogServer = By.cssSelector("input[data-field='settings.syslog_server']");
        b.type(syslogServer, "syslog.example.net");
        b.click(By.id("settings:save"));
        b.waitFor(d -> b.messages().contains("Settings saved"));
        b.waitFor(d -> d.findElement(By.id("settings:verifyResult")).getText().contains("verified"));
        b.screenshot("settings");
        assertEquals("syslog.example.net", settings().getString("syslog_server"));

        b.open("settings.xhtml?fabric=" + FABRIC);
        b.click(By.xpath("//ul[@role='tablist']//a[text()='Notifications']"));
        assertEquals("syslog.example.net", b.find(syslogServer).getAttribute("value"), "the saved value is shown again");

        b.type(syslogServer, "bad server name!");
        b.click(By.id("settings:save"));
        b.waitFor(d -> b.messages().contains("syslog_server"));
        assertEquals("syslog.example.net", settings().getString("syslog_server"), "an invalid value is refused, nothing stored");
    }

    private static JsonObject settings() {
        EptDeployment.Reply reply = EptDeployment.get("uni/fb-" + FABRIC + "/settings-default");
        assertEquals(200, reply.status(), reply.body());
        return SimClient.parse(reply.body()).asJsonObject().getJsonArray("objects").getJsonObject(0).getJsonObject("ept.settings");
    }

    /** Every page (and the dialogs) without a serious or critical axe-core violation. */
    @Test
    @Order(6)
    void everyPagePassesTheAccessibilityRules() {
        prepareFabric();
        Browser b = browser();
        String endpoint = "endpoint.xhtml?fabric=" + FABRIC + "&vnid=" + VRF + "&addr=" + HOST_IP;
        StringBuilder violations = new StringBuilder();
        for (String page : List.of("index.xhtml", "dashboard.xhtml?fabric=" + FABRIC, "endpoints.xhtml?fabric=" + FABRIC,
                endpoint, "findings.xhtml?fabric=" + FABRIC + "&kind=moves", "findings.xhtml?fabric=" + FABRIC + "&kind=stale",
                "findings.xhtml?fabric=" + FABRIC + "&kind=offsubnet", "settings.xhtml?fabric=" + FABRIC, "queues.xhtml",
                "users.xhtml", "workflow.xhtml?fabric=" + FABRIC, "hierarchy.xhtml?fabric=" + FABRIC,
                "inventory.xhtml?fabric=" + FABRIC)) {
            b.open(page);
            violations.append(inPage(page, b.accessibilityViolations()));
        }
        b.open("users.xhtml");
        b.click(By.id("users:add"));
        b.find(By.id("userForm:username"));
        violations.append(inPage("users.xhtml, Add user dialog", b.dialogAccessibilityViolations()));
        b.open(endpoint);
        b.click(By.id("ep:clear"));
        violations.append(inPage("endpoint, Clear dialog", b.dialogAccessibilityViolations()));
        b.logout();
        b.open("login.xhtml");
        violations.append(inPage("login.xhtml", b.accessibilityViolations()));
        login("admin", EptDeployment.ADMIN_PASSWORD);
        assertEquals("", violations.toString(), "serious or critical accessibility violations");
    }

    private static String inPage(String page, String violations) {
        return violations.isEmpty() ? "" : "\n" + page + ":" + violations.replace("\n", "\n  ");
    }

    /** Search, a table's sort, tabs and a dialog work with the keyboard alone. */
    @Test
    @Order(7)
    void searchTablesTabsAndDialogsWorkWithTheKeyboard() {
        prepareFabric();
        Browser b = browser();
        b.open("index.xhtml");
        // the skip link comes first, then the home link and the search field
        new Actions(b.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("Skip to content", b.driver().switchTo().activeElement().getText());
        new Actions(b.driver()).sendKeys(Keys.TAB, Keys.TAB).perform();
        WebElement search = b.driver().switchTo().activeElement();
        assertEquals("searchForm:q_input", search.getAttribute("id"), "Tab reaches the search field");
        search.sendKeys(HOST_IP);
        b.find(By.xpath("//*[@id='searchForm:q_panel']//tr[contains(., '" + HOST_IP + "')]"));
        // the first suggestion is highlighted: Enter opens it
        search.sendKeys(Keys.ENTER);
        b.waitFor(d -> d.getCurrentUrl().contains("endpoint.xhtml") && d.getCurrentUrl().contains("addr=" + HOST_IP));
        b.settle();

        // tabs: the arrow keys move between tab headers, Enter opens one
        By tabs = By.xpath("//ul[@role='tablist']//a[@role='tab']");
        b.find(tabs).sendKeys(Keys.ARROW_RIGHT);
        WebElement second = b.all(tabs).get(1);
        assertEquals(second, b.driver().switchTo().activeElement(), "ArrowRight moves to the second tab");
        second.sendKeys(Keys.ENTER);
        b.waitFor(d -> "true".equals(d.findElements(tabs).get(1).getAttribute("aria-selected")));

        // a dialog opens from the keyboard, takes the focus, and Escape closes it
        b.find(By.id("ep:clear")).sendKeys(Keys.ENTER);
        b.waitFor(d -> d.findElement(By.id("clearDialog")).isDisplayed()
                && !d.switchTo().activeElement().findElements(By.xpath("ancestor::*[@id='clearDialog']")).isEmpty());
        b.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        b.waitFor(d -> !d.findElement(By.id("clearDialog")).isDisplayed());

        // a sortable column header sorts on Enter
        b.open("findings.xhtml?fabric=" + FABRIC + "&kind=moves");
        By events = By.xpath("//th[.//span[text()='Events']]");
        b.find(events).sendKeys(Keys.ENTER);
        b.settle();
        b.waitFor(d -> d.findElement(events).getAttribute("class").contains("ui-state-active"));
    }

    @Test
    @Order(8)
    void readOnlyUserSeesNoWriteActionsAndCannotPostThem() {
        prepareFabric();
        EptDeployment.Reply created = EptDeployment.postJson("user",
                "{\"username\":\"" + VIEWER + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"role\":1}");
        assertTrue(created.status() == 200 || created.body().contains("exists"), created.body());
        login(VIEWER, VIEWER_PASSWORD);
        Browser b = browser();
        assertTrue(b.find(By.id("accountForm")).getText().contains("read-only"), "the top bar names the read-only role");

        b.open("dashboard.xhtml?fabric=" + FABRIC);
        b.find(By.id("countMac"));
        assertFalse(b.present(By.id("dash:stop")) || b.present(By.id("dash:start")), "no start/stop for a read-only user");
        b.screenshot("read-only-dashboard");
        // a crafted postback of the stop button is refused: the fabric keeps running
        b.script("PrimeFaces.ab({s: 'dash:stop', f: 'dash', p: '@all', u: 'dash'});");
        b.settle();
        assertTrue(EptDeployment.get("uni/fb-" + FABRIC + "/status").body().contains("\"running\""), "the fabric still runs");

        b.open("endpoint.xhtml?fabric=" + FABRIC + "&vnid=" + VRF + "&addr=" + HOST_IP);
        assertEquals(HOST_IP, b.find(By.id("epAddr")).getText());
        for (String id : List.of("ep:refresh", "ep:delete", "ep:clear", "clearForm:doClear")) {
            assertFalse(b.present(By.id(id)), id + " is not offered to a read-only user");
        }
        b.script("PrimeFaces.ab({s: 'ep:delete', f: 'ep', p: '@all', u: 'ep'});");
        b.settle();
        assertFalse(Fabrics.rows("ept.endpoint", key(HOST_IP)).isEmpty(), "a forged delete deleted nothing");

        b.open("settings.xhtml?fabric=" + FABRIC);
        assertFalse(b.present(By.id("settings:save")), "no save for a read-only user");
        b.click(By.xpath("//ul[@role='tablist']//a[text()='Notifications']"));
        WebElement server = b.find(By.cssSelector("input[data-field='settings.syslog_server']"));
        assertTrue(server.getAttribute("disabled") != null, "settings are shown read-only");
        b.script("PrimeFaces.ab({s: 'settings:save', f: 'settings', p: '@all', u: 'settings'});");
        b.settle();
        assertEquals("syslog.example.net", settings().getString("syslog_server"), "a forged save changed nothing");

        b.open("users.xhtml");
        String users = b.find(By.id("users:table")).getText();
        assertTrue(users.contains(VIEWER) && !users.contains("admin\n"), "a read-only user sees only themselves: " + users);
        assertFalse(b.present(By.id("users:add")));
    }

    @Test
    @Order(9)
    void darkThemeIsRememberedPerBrowser() {
        prepareFabric();
        login("admin", EptDeployment.ADMIN_PASSWORD);
        Browser b = browser();
        b.open("endpoint.xhtml?fabric=" + FABRIC + "&vnid=" + VRF + "&addr=" + HOST_IP);
        b.driver().findElement(By.id("themeToggle")).click();
        b.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("ept-dark"));
        b.settle();
        assertTrue(b.driver().getPageSource().contains("primefaces-arya-blue"), "the dark PrimeFaces theme is loaded");
        b.screenshot("endpoint-detail-dark");
        assertEquals("", b.accessibilityViolations(), "serious or critical accessibility violations in the dark theme");
        b.open("index.xhtml");
        assertTrue(b.find(By.tagName("body")).getAttribute("class").contains("ept-dark"), "the choice is kept");
        b.driver().findElement(By.id("themeToggle")).click();
        b.waitFor(d -> d.findElement(By.tagName("body")).getAttribute("class").contains("ept-light"));
        Fabrics.delete(FABRIC);
    }
}
