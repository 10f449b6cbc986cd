package io.learnchain.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.learnchain.learn.data.BundledDatasets;
import io.learnchain.learn.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task flow in a real browser against a real {@code learnchain node --dev} (a pole chain that
 * mines its own tasks): post a task through the form, see it listed, see its blocks arrive live on
 * the overview, open a task block and see the round's candidates with the reason each lost, then
 * download the winning model from the task page and classify the requester's test set with it in
 * ONNX Runtime. Screenshots of each step
 * go to {@code target/screenshots/} (docs/dashboard.md).
 */
class DashboardTaskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double ROUND_TIMEOUT_MS = 150_000;

    private static DashboardNode dashboard;
    private static Browser browser;
    private static String base;
    private static final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // idle blocks every 3 s while no task is open; full JIT so a round's training takes a second or two
        dashboard =
                DashboardNode.start(NodeProcess.startTraining("node", "--dev", "--api-port", "0", "--block-time", "3"));
        base = dashboard.base();
        browser = dashboard.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void postsATaskThroughTheFormFollowsItsBlocksAndRunsTheDownloadedModel() throws Exception {
        try (BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setViewportSize(1280, 860).setAcceptDownloads(true))) {
            Page page = context.newPage();
            page.onPageError(scriptErrors::add);
            page.setDefaultTimeout(30_000);

            postTask(page);
            listed(page);
            Locator taskTile = taskBlockArrivesLive(page);
            roundOfTheBlock(page, taskTile);
            downloadsAndRunsTheModel(page);

            page.navigate(dashboard.page("/miner"));
            assertThat(page.getByTestId("miner-progress")).isVisible();
            assertThat(page.locator("main")).containsText("Wins / losses");
            DashboardIT.shot(page, "miner-pole");

            // the requester withdraws its task: the page asks first, then says what became of the cancel
            page.navigate(dashboard.page("/tasks/1"));
            List<String> asked = new ArrayList<>();
            page.onceDialog(dialog -> {
                asked.add(dialog.message());
                dialog.accept();
            });
            page.getByTestId("cancel-task").click();
            assertThat(page.getByTestId("cancel-state")).containsText("Cancel");
            assertThat(asked).singleElement().asString().contains("Escrow left: ", "You get back ", "10% penalty");
            DashboardIT.shot(page, "task-cancelling");
        }
        assertThat(scriptErrors).as("script errors in the dashboard").isEmpty();
    }

    private static void postTask(Page page) {
        page.navigate(dashboard.page("/tasks/new"));
        page.getByTestId("model").selectOption("mlp-small");
        page.getByTestId("dataset").selectOption("fashion-mnist-small");
        page.getByTestId("reward").fill("5");
        page.getByTestId("rounds").fill("4");
        page.getByTestId("min-accuracy").fill("10");
        page.locator("details.advanced summary").click();
        page.getByTestId("expected-seconds").fill("5");
        page.getByTestId("min-phase").fill("1");
        page.getByTestId("max-phase").fill("300");
        DashboardIT.shot(page, "task-form-filled");
        page.getByTestId("submit-task").click();
        assertThat(page.getByTestId("posted")).containsText("Posted");
    }

    private static void listed(Page page) {
        page.waitForURL("**/#/tasks");
        Locator row = page.locator("tr[data-task='1']");
        assertThat(row).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        DashboardIT.shot(page, "tasks-listed");
    }

    private static Locator taskBlockArrivesLive(Page page) {
        page.navigate(dashboard.page("/"));
        // 'fresh' marks only a block that arrived over the event stream while the page was open
        Locator tile = page.locator(".strip .tile.pole.fresh").first();
        try {
            assertThat(tile).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(ROUND_TIMEOUT_MS));
        } catch (AssertionError e) {
            DashboardIT.shot(page, "overview-no-task-block");
            throw new AssertionError(
                    "no task block arrived live; task: "
                            + page.request().get(base + "/api/v1/tasks/1").text() + "\nminer: "
                            + page.request()
                                    .get(base + "/api/v1/miner?limit=10")
                                    .text(),
                    e);
        }
        String href = tile.locator("a").getAttribute("href");
        assertThat(page.getByTestId("training-share").locator(".value")).not().hasText(Pattern.compile("^0\\.0 %$"));
        DashboardIT.shot(page, "overview-task-block");
        return page.locator(".strip a[href='" + href + "']");
    }

    private static void roundOfTheBlock(Page page, Locator tileLink) {
        tileLink.click();
        assertThat(page.getByTestId("pole-proof")).containsText("Claimed score");
        assertThat(page.getByTestId("shard-accuracy")).containsText("%");
        Locator losers = page.locator("[data-testid=candidates] tr.loser td.reason");
        if (losers.count() > 0) {
            for (String reason : losers.allTextContents()) {
                assertThat(reason).as("why a candidate lost").isNotBlank().isNotEqualTo("lost");
            }
        } else {
            assertThat(page.locator("main")).containsText("only candidate");
        }
        DashboardIT.shot(page, "task-block");
    }

    private static void downloadsAndRunsTheModel(Page page) throws Exception {
        page.navigate(dashboard.page("/tasks/1"));
        assertThat(page.getByTestId("leaderboard"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.getByTestId("accuracy-chart")).isVisible();
        DashboardIT.shot(page, "task");

        assertThat(page.getByTestId("delivery")).containsText("predicts your own class labels");
        Download onnx =
                page.waitForDownload(() -> page.getByTestId("download-onnx").click());
        byte[] model = Files.readAllBytes(onnx.path());
        Download metadata =
                page.waitForDownload(() -> page.getByTestId("download-metadata").click());
        JsonNode meta = JSON.readTree(Files.readAllBytes(metadata.path()));
        // the requester's check: its own test set through the downloaded file in ONNX Runtime
        Dataset test = BundledDatasets.fashionMnistSmall(BundledDatasets.Split.TEST);
        double accuracy = RequesterEval.onnxAccuracy(model, test, RequesterEval.ints(meta.path("inputShape")));
        System.out.printf(
                "dashboard download: round %s, ONNX Runtime %.4f on the test set, node's test accuracy %.4f,"
                        + " shard accuracy %.4f%n",
                meta.path("notes").path("round").asText(),
                accuracy,
                meta.path("metrics").path("testAccuracy").asDouble(),
                meta.path("metrics").path("shardAccuracy").asDouble());
        assertThat(accuracy)
                .isGreaterThan(0.4)
                .isCloseTo(
                        meta.path("metrics").path("testAccuracy").asDouble(),
                        org.assertj.core.api.Assertions.within(0.005));

        Download safetensors = page.waitForDownload(
                () -> page.getByTestId("download-safetensors").click());
        byte[] st = Files.readAllBytes(safetensors.path());
        long headerLength =
                ByteBuffer.wrap(st, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = JSON.readTree(new String(st, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertThat(header.size()).as("tensors in the safetensors header").isGreaterThanOrEqualTo(4);
    }
}
