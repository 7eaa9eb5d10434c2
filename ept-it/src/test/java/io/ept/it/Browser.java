package io.ept.it;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Headless Debian Chromium driven by Selenium through Debian's chromedriver: nothing is downloaded (Selenium
 * Manager is bypassed by naming both binaries). ensure-chromium.sh installs them before the integration tests.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ept.it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ept.it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();

    private final WebDriver driver;
    private final String base;

    /** For {@code @EnabledIf}: both binaries are installed. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(String base) {
        this.base = base;
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.createDirectories(DOWNLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(new File("target/chromedriver.log")).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a page of the application, e.g. "index.xhtml". */
    void open(String page) {
        driver.get(base + page);
        settle();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    void click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by)).click();
        settle();
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(condition, Duration.ofSeconds(20));
    }

    <T> T waitFor(Function<WebDriver, T> condition, Duration timeout) {
        // an ajax update may replace an element between finding it and reading it: look again
        return new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /**
     * Waits until the page and PrimeFaces' ajax queue are idle. A page loads its scripts after its first paint
     * (io.ept.web.ui.scripts): eptScriptsPending is true until its widgets exist.
     */
    void settle() {
        waitFor(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && !window.eptScriptsPending"
                        + " && (!window.PrimeFaces || !PrimeFaces.ajax"
                        + " || PrimeFaces.ajax.Queue.isEmpty()) && (!window.jQuery || jQuery.active === 0);")));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The texts of the growl messages shown now. */
    String messages() {
        StringBuilder text = new StringBuilder();
        for (WebElement m : driver.findElements(By.cssSelector(".ui-growl-message"))) {
            text.append(m.getText()).append(" | ");
        }
        return text.toString();
    }

    /**
     * axe-core's WCAG 2.x A/AA and best-practice rules on the page as shown now: every serious or critical
     * violation, one line per element (rule, impact, element, what to fix); empty when there is none.
     */
    String accessibilityViolations() {
        return accessibilityViolations(null);
    }

    /**
     * Serious and critical axe-core violations of the open modal dialog only: the page behind it is covered by the
     * dialog's mask (which axe would count against the page's colour contrast) and was checked on its own.
     */
    String dialogAccessibilityViolations() {
        return accessibilityViolations("[role='dialog']:not([aria-hidden='true'])");
    }

    private String accessibilityViolations(String include) {
        AxeBuilder axe = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"));
        if (include != null) {
            axe.include(include);
        }
        var results = axe.analyze(driver);
        StringBuilder found = new StringBuilder();
        for (Rule rule : results.getViolations()) {
            if (!"serious".equals(rule.getImpact()) && !"critical".equals(rule.getImpact())) {
                continue;
            }
            for (CheckedNode node : rule.getNodes()) {
                found.append('\n').append(rule.getId()).append(" (").append(rule.getImpact()).append(") ")
                        .append(node.getTarget()).append(": ").append(node.getHtml()).append("\n    ")
                        .append(String.valueOf(node.getFailureSummary()).replace("\n", " "));
            }
        }
        return found.toString();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Signs in on the login page (opened first) and waits to leave it. */
    void login(String username, String password) {
        open("login.xhtml");
        type(By.id("loginForm:username"), username);
        type(By.id("loginForm:password"), password);
        click(By.id("loginForm:login"));
        waitFor(d -> !d.getCurrentUrl().contains("login.xhtml"));
    }

    void logout() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
