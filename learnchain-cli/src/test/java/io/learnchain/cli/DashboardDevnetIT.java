package io.learnchain.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Losing candidates in the browser: a two-node devnet (real processes, real peer sockets, the
 * mlp-small demo task) where both miners send a candidate each round, so the round's block page and
 * the task's leaderboard list the loser with the reason it lost ("not chosen", or "rejected: REASON").
 */
class DashboardDevnetIT {
    private static final long ROUNDS_TIMEOUT_MILLIS = 150_000;

    @Test
    void blockPageListsTheLosingCandidateWithItsReason() throws Exception {
        int base = freeBasePort();
        NodeProcess devnet = NodeProcess.startTraining(
                "devnet",
                "--nodes",
                "2",
                "--task",
                "mlp-small",
                "--base-port",
                Integer.toString(base),
                "--block-time",
                "3");
        try (Playwright playwright = Playwright.create(
                        new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(DashboardIT.SystemChromium.launchOptions());
                BrowserContext context =
                        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            devnet.awaitLine(l -> l.contains(" pole "), Duration.ofMillis(ROUNDS_TIMEOUT_MILLIS));
            Page page = context.newPage();
            page.setDefaultTimeout(20_000);
            String dashboard = "http://127.0.0.1:" + base;
            Locator loser = awaitLoser(page, dashboard, devnet);
            String reason = loser.locator("td.reason").textContent();
            assertThat(reason).as("why the candidate lost").matches("not chosen.*|rejected: [A-Z_]+");
            DashboardIT.shot(page, "task-devnet");

            page.locator("[data-testid=leaderboard] .round:has(tr.loser) h3 a")
                    .first()
                    .click();
            Locator candidates = page.getByTestId("candidates");
            assertThat(candidates.locator("tr.winner")).hasCount(1);
            assertThat(candidates.locator("tr.loser td.reason").first())
                    .hasText(Pattern.compile("not chosen.*|rejected: [A-Z_]+"));
            DashboardIT.shot(page, "block-losing-candidates");
        } finally {
            devnet.exitCodeAfterStop(Duration.ofSeconds(60)); // SIGTERM: the devnet stops its nodes
            devnet.close();
        }
    }

    /** Reloads task 1's page on node 0 until a round lists a losing candidate. */
    private static Locator awaitLoser(Page page, String dashboard, NodeProcess devnet) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ROUNDS_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            page.navigate(dashboard + "/#/tasks/1");
            page.reload();
            Locator loser = page.locator("[data-testid=leaderboard] tr.loser");
            try {
                loser.first().waitFor(new Locator.WaitForOptions().setTimeout(10_000));
                return loser.first();
            } catch (com.microsoft.playwright.TimeoutError e) {
                // no round with two candidates yet
            }
        }
        throw new AssertionError("no round with a losing candidate on node 0 within " + ROUNDS_TIMEOUT_MILLIS
                + " ms; devnet output:\n"
                + String.join(
                        "\n",
                        devnet.lines()
                                .subList(
                                        Math.max(0, devnet.lines().size() - 40),
                                        devnet.lines().size())));
    }

    /** A base port P with P, P+1 (APIs) and P+1000, P+1001 (peer ports) free. */
    private static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket s = new ServerSocket(0)) {
                p = s.getLocalPort();
            }
            if (p > 60_000) {
                continue;
            }
            if (List.of(p + 1, p + 1000, p + 1001).stream().allMatch(DashboardDevnetIT::free)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port range for a two-node devnet");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static {
        try {
            Files.createDirectories(DashboardIT.SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
