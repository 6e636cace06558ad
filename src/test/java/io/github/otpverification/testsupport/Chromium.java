package io.github.otpverification.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages (installed
 * by {@code .ci/run}; nothing is downloaded). Fails, never skips, when they are missing.
 */
public final class Chromium {

    /** A viewport a page is looked at in. */
    public enum Viewport {
        DESKTOP(1280, 860, false), PHONE(390, 844, false);

        final int width;
        final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    public static ChromeDriver start() {
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("Headless Chromium needs " + BINARY + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver (or set -Dchromium.binary / -Dchromium.driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1280,860", "--force-device-scale-factor=1", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        return new ChromeDriver(service, options);
    }

    /** Lays the page out in the viewport's size (as wide as the device; no zooming out). */
    public static void use(ChromeDriver chromium, Viewport viewport) {
        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", viewport.width, "height", viewport.height, "deviceScaleFactor", 1, "mobile", viewport.mobile));
        // the new layout is painted a frame or two later
        new WebDriverWait(chromium, Duration.ofSeconds(5)).until(d -> Long.valueOf(viewport.width).equals(
                chromium.executeAsyncScript("var done = arguments[0];"
                        + "requestAnimationFrame(() => requestAnimationFrame(() => done(window.innerWidth)));")));
    }

    /** Types into an element and presses Enter, as a keyboard user does, and waits for the next page. */
    public static void submit(ChromeDriver chromium, WebElement element, CharSequence... typed) {
        WebElement page = chromium.findElement(By.tagName("html"));
        if (typed.length > 0) {
            element.sendKeys(typed);
        }
        element.sendKeys(Keys.ENTER);
        new WebDriverWait(chromium, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(chromium, Duration.ofSeconds(10))
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    }

    /** The id of the element that has the keyboard focus. */
    public static String focusedId(ChromeDriver chromium) {
        return (String) chromium.executeScript("return document.activeElement && document.activeElement.id;");
    }

    /** Saves what the browser shows as {@code dir/name.png}. */
    public static Path screenshot(ChromeDriver chromium, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name + ".png"), chromium.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
