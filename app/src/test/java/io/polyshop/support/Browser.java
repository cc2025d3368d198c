package io.polyshop.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs), one per test class because it takes a second or two to start. Register it with
 * {@code @RegisterExtension static final Browser browser = new Browser();}: when a test fails it saves a screenshot
 * and the page source under {@code target/browser-failures/}, and after the class it quits and removes its profile.
 * The browser and driver binaries are given explicitly, so Selenium Manager never downloads anything.
 */
public final class Browser implements TestWatcher, AfterAllCallback {

	public static final String CHROMIUM = System.getProperty("polyshop.chromium", "/usr/bin/chromium");
	public static final String CHROMEDRIVER = System.getProperty("polyshop.chromedriver", "/usr/bin/chromedriver");
	private static final Path FAILURES = Path.of("target", "browser-failures");
	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private WebDriver driver;
	private Path profile;
	private String baseUrl;

	/** Starts the browser on first use, pointed at the application on the given port. */
	public WebDriver driver(int port) {
		baseUrl = "http://localhost:" + port;
		if (driver == null) {
			missingBinaries().ifPresent(problem -> {
				throw new IllegalStateException(problem);
			});
			try {
				profile = Files.createTempDirectory("polyshop-chromium-");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1280,1000", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder()
					.usingDriverExecutable(new File(CHROMEDRIVER))
					.usingAnyFreePort()
					.build();
			driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		}
		return driver;
	}

	/** Opens a path of the application, e.g. {@code "/cart.html"}. */
	public void open(String path) {
		driver.get(baseUrl + path);
	}

	public WebElement find(String cssSelector) {
		return driver.findElement(By.cssSelector(cssSelector));
	}

	/** Waits up to 20 s (the pages fetch their data after loading) for a condition. */
	public <T> T await(ExpectedCondition<T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
	}

	/** Fills an input as a person would: clears it, then types. */
	public void type(String cssSelector, String text) {
		WebElement input = find(cssSelector);
		input.clear();
		input.sendKeys(text);
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}, for people to look at. */
	public Path screenshot(String name) {
		return saveScreenshot(SCREENSHOTS, name);
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		if (driver == null) {
			return;
		}
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		try {
			saveScreenshot(FAILURES, name);
			Files.writeString(FAILURES.resolve(name + ".html"),
					"<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException e) {
			cause.addSuppressed(e); // the failure itself matters more than its screenshot
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		try {
			if (driver != null) {
				driver.quit();
			}
		}
		finally {
			driver = null;
			if (profile != null) {
				try (Stream<Path> files = Files.walk(profile)) {
					files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
				}
			}
		}
	}

	private Path saveScreenshot(Path directory, String name) {
		try {
			Files.createDirectories(directory);
			Path target = directory.resolve(name + ".png");
			Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Whether the system browser is installed at all (for a clear failure message instead of a driver stack trace). */
	public static Optional<String> missingBinaries() {
		return Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(Path.of(path))).findFirst()
				.map(path -> path + " is missing: install the Debian packages chromium and chromium-driver (.ci/run does)");
	}
}
