package io.github.dbperf.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: headless Chromium, driven through chromedriver,
 * against the sample app on the default (H2) profile after its endpoints ran. With
 * {@code -Ddbperf.screenshots=true} (or a directory) it also saves a PNG of each view
 * under {@code docs/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.seed.posts=40", "dbperf.pool.history.interval=100ms", "dbperf.pool.history.retention=1m",
				// Two settings the advisor reports, so the findings view has something to
				// show
				"spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.connection-timeout=30000" })
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("dbperf.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("dbperf.chromedriver", "/usr/bin/chromedriver"));

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static ChromeDriver driver;

	private static Path profile;

	@LocalServerPort
	private int port;

	// Checked per test, so the report counts the test as skipped, with this reason
	@BeforeEach
	void requireBrowser() {
		assumeTrue(driver != null,
				"Skipped: no browser. The dashboard test needs Chromium at " + CHROMIUM + " and chromedriver at "
						+ CHROMEDRIVER
						+ " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)");
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		profile = Files.createTempDirectory("dbperf-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@Test
	void whenTheSampleRanThenEveryViewShowsItsDataWithoutAConsoleError() throws Exception {
		for (String path : List.of("/posts/naive", "/posts/naive", "/posts", "/posts/batched", "/categories",
				"/categories", "/categories/uncached", "/authors/active", "/authors/active", "/stats/daily")) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(200);
		}
		JsonNode top = json.readTree(get("/actuator/slowqueries?limit=1").body()).get("queries").get(0);
		String topId = top.get("id").asString();
		String topSql = top.get("sql").asString();

		open("queries");
		By topRow = By.cssSelector("tr[data-fingerprint='" + topId + "'] button.sql-link");
		await().atMost(WAIT).until(() -> !driver.findElements(topRow).isEmpty());
		assertThat(driver.findElement(topRow).getText()).startsWith(topSql.substring(0, Math.min(60, topSql.length())));
		WebElement totalHeader = driver.findElement(By.cssSelector("button.sort[data-sort='totalMs']"));
		assertThat(totalHeader.findElement(By.xpath("..")).getDomAttribute("aria-sort")).isEqualTo("descending");
		driver.findElement(By.cssSelector("button.sort[data-sort='calls']")).click();
		assertThat(driver.findElement(By.cssSelector("button.sort[data-sort='calls']"))
			.findElement(By.xpath(".."))
			.getDomAttribute("aria-sort")).isEqualTo("descending");
		// Keyboard: Enter on a header sorts; a refresh with new numbers keeps the focus
		// on its row
		driver.findElement(By.cssSelector("button.sort[data-sort='p99Ms']")).sendKeys(Keys.ENTER);
		assertThat(driver.findElement(By.cssSelector("button.sort[data-sort='p99Ms']"))
			.findElement(By.xpath(".."))
			.getDomAttribute("aria-sort")).isEqualTo("descending");
		driver.findElement(By.cssSelector("button.sort[data-sort='calls']")).sendKeys(Keys.ENTER);
		By nPlusOneRow = By.cssSelector("#queries-table tbody tr:first-child");
		String nPlusOneId = driver.findElement(nPlusOneRow).getDomAttribute("data-fingerprint");
		String calls = driver.findElement(nPlusOneRow).findElements(By.tagName("td")).get(1).getText();
		driver.executeScript("arguments[0].focus();",
				driver.findElement(nPlusOneRow).findElement(By.tagName("button")));
		assertThat(get("/posts/naive").statusCode()).isEqualTo(200);
		driver.executeScript("document.getElementById('reload').click();");
		await().atMost(WAIT)
			.until(() -> !driver.findElement(nPlusOneRow)
				.findElements(By.tagName("td"))
				.get(1)
				.getText()
				.equals(calls));
		assertThat(driver.switchTo()
			.activeElement()
			.findElement(By.xpath("ancestor::tr"))
			.getDomAttribute("data-fingerprint")).isEqualTo(nPlusOneId);
		// The most called statement, the N+1's, has the histogram worth a look
		driver.findElement(By.cssSelector("#queries-table tbody tr:first-child button.sql-link")).click();
		await().atMost(WAIT).until(() -> !driver.findElements(By.cssSelector("#query-detail .hist .bar")).isEmpty());
		// Headings are upper case by style, which getText applies
		assertThat(driver.findElement(By.id("query-detail")).getText().toLowerCase(Locale.ROOT))
			.contains("latency histogram", "call sites", "get /posts/naive");
		screenshot("queries");

		open("nplusone");
		await().atMost(WAIT).until(() -> driver.findElement(By.id("nplusone-body")).getText().contains("Post.author"));
		assertThat(driver.findElement(By.id("nplusone-body")).getText()).contains("GET /posts/naive", "Fix:");
		screenshot("nplusone");

		open("pools");
		By chart = By.cssSelector("#pools-body .chart[data-points]");
		await().atMost(WAIT).untilAsserted(() -> {
			driver.findElement(By.id("reload")).click();
			List<WebElement> charts = driver.findElements(chart);
			assertThat(charts).isNotEmpty();
			assertThat(Integer.parseInt(charts.get(0).getDomAttribute("data-points"))).isGreaterThanOrEqualTo(5);
			assertThat(charts.get(0).findElements(By.tagName("canvas"))).isNotEmpty();
		});
		screenshot("pools");

		open("cache");
		await().atMost(WAIT).until(() -> !driver.findElements(By.cssSelector("#cache-body table tbody tr")).isEmpty());
		assertThat(driver.findElement(By.id("cache-body")).getText()).contains("Hit ratio", "Redis breaker");
		screenshot("cache");

		int findings = json.readTree(get("/actuator/dbperf").body()).get("findings").size();
		assertThat(findings).as("findings of the settings this test makes").isPositive();
		open("findings");
		await().atMost(WAIT)
			.until(() -> driver.findElements(By.cssSelector("#findings-body .finding")).size() == findings);
		assertThat(driver.findElements(By.cssSelector("#findings-body .finding .badge")))
			.allSatisfy((badge) -> assertThat(badge.getText()).isIn("Error", "Warning", "Info"));
		screenshot("findings");

		phone(true);
		open("queries");
		await().atMost(WAIT).until(() -> !driver.findElements(topRow).isEmpty());
		assertThat(driver.findElement(topRow).getSize().getWidth()).as("statement width on a phone").isGreaterThan(300);
		assertThat(driver.findElement(By.cssSelector("button.sort[data-sort='p99Ms']")).isDisplayed()).isTrue();
		screenshot("queries-phone");
		open("nplusone");
		screenshot("nplusone-phone");
		phone(false);

		assertThat(consoleErrors()).isEmpty();
		if (System.getProperty("dbperf.screenshots") != null) {
			Path samples = Files.createDirectories(Path.of("target", "dashboard-json"));
			Files.writeString(samples.resolve("slowquery.json"), get("/actuator/slowqueries/" + topId).body());
			Files.writeString(samples.resolve("dbperf.json"), get("/actuator/dbperf").body());
		}
	}

	private void open(String view) {
		driver.get("http://localhost:" + this.port + "/actuator/dbperf/ui#" + view);
		await().atMost(WAIT)
			.until(() -> driver.findElement(By.tagName("body")).getDomAttribute("data-loaded-" + view) != null);
	}

	// A plan endpoint that is not there answers 404, which the page hides, but Chromium
	// still reports the failed request
	private static List<String> consoleErrors() {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !(message.contains("/plan ") && message.contains("404")))
			.toList();
	}

	// The whole page, not just the window: Chromium's own capture beyond the viewport
	private static void screenshot(String name) throws IOException {
		String target = System.getProperty("dbperf.screenshots");
		if (target == null || target.isBlank()) {
			return;
		}
		Path directory = "true".equals(target) ? Path.of("..", "docs", "screenshots") : Path.of(target);
		Files.createDirectories(directory);
		@SuppressWarnings("unchecked")
		List<Number> size = (List<Number>) driver.executeScript(
				"return [document.documentElement.clientWidth, Math.min(4000, document.documentElement.scrollHeight)];");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get(0).intValue(), "height",
				size.get(1).intValue(), "scale", 1);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		Files.write(directory.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
	}

	private static void phone(boolean on) {
		if (on) {
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
		}
		else {
			driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
