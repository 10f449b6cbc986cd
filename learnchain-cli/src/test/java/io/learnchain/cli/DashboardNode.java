package io.learnchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import io.learnchain.node.api.ApiCookies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard ITs' fixture: a started {@code learnchain node} process, its API base URL (from the
 * banner's {@code Listening on} line) and a headless system Chromium driven by Playwright. Closing
 * it closes the browser and stops the node.
 */
final class DashboardNode implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+:[0-9]+)");

    private final NodeProcess node;
    private final String base;
    private Playwright playwright;
    private Browser browser;

    private DashboardNode(NodeProcess node, String base) {
        this.node = node;
        this.base = base;
    }

    /** Waits for {@code node} to listen and opens the browser; stops the node if either fails. */
    static DashboardNode start(NodeProcess node) throws Exception {
        DashboardNode fixture = null;
        try {
            Files.createDirectories(DashboardIT.SCREENSHOTS);
            Matcher m =
                    LISTENING.matcher(node.awaitLine(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90)));
            assertThat(m.find()).isTrue();
            fixture = new DashboardNode(node, "http://" + m.group(1));
            fixture.playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            fixture.browser = fixture.playwright.chromium().launch(DashboardIT.SystemChromium.launchOptions());
            return fixture;
        } catch (Exception | AssertionError e) {
            if (fixture != null) {
                fixture.close();
            } else {
                node.exitCodeAfterStop(Duration.ofSeconds(30));
                node.close();
            }
            throw e;
        }
    }

    /** The node's API and dashboard base URL, {@code http://HOST:PORT}. */
    String base() {
        return base;
    }

    /**
     * The address of dashboard view {@code view} ("/miner"), with the API token the node left in its
     * cookie file, as in the link the node prints: every new browser context starts without it.
     */
    String page(String view) {
        try {
            String port = base.substring(base.lastIndexOf(':') + 1);
            String token =
                    Files.readString(ApiCookies.runFile(Integer.parseInt(port))).strip();
            return base + "/?token=" + token + "#" + view;
        } catch (IOException e) {
            throw new UncheckedIOException("the node left no API cookie", e);
        }
    }

    Browser browser() {
        return browser;
    }

    @Override
    public void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        node.exitCodeAfterStop(Duration.ofSeconds(30));
        node.close();
    }
}
