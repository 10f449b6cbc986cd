package io.learnchain.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ViewportSize;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.train.Initializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (the system Chromium driven by Playwright; no browser download)
 * against a real {@code learnchain node --dev} process: every view renders without a script error,
 * new blocks arrive live, a block opens from the live strip, and each view is saved as a screenshot
 * under {@code target/screenshots/} (docs/dashboard.md lists them).
 */
class DashboardIT {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static DashboardNode dashboard;
    private static Browser browser;
    private static String base;
    private static final List<String> scriptErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dashboard = DashboardNode.start(NodeProcess.start("node", "--dev", "--api-port", "0", "--block-time", "1"));
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
    void everyViewRendersAndBlocksArriveLive() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            Page page = watched(context.newPage());
            page.navigate(dashboard.page("/"));
            assertThat(page.locator("#live")).hasText("live");
            Locator height = page.getByTestId("height");
            assertThat(height).not().isEmpty();
            int first = Integer.parseInt(height.textContent());
            // idle dev blocks every second: the height card and the strip follow without a reload
            assertThat(height)
                    .not()
                    .hasText(
                            Integer.toString(first),
                            new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                                    .setTimeout(15_000));
            assertThat(page.locator(".strip .tile.fresh")).hasCount(1);
            shot(page, "overview");

            page.navigate(dashboard.page("/blocks"));
            assertThat(page.getByTestId("blocks-table").locator("tbody tr").first())
                    .isVisible();
            shot(page, "blocks");

            page.locator("[data-testid=blocks-table] tbody tr")
                    .first()
                    .locator("a")
                    .first()
                    .click();
            assertThat(page.locator("h1")).containsText("Block #");
            assertThat(page.locator(".facts").first()).containsText("Miner");
            shot(page, "block");

            page.navigate(dashboard.page("/tasks"));
            assertThat(page.locator("main .state, main table").first()).isVisible();
            shot(page, "tasks");

            page.navigate(dashboard.page("/tasks/new"));
            assertThat(page.getByTestId("task-form")).isVisible();
            assertThat(page.getByTestId("layers")).isHidden();
            page.getByTestId("model").selectOption("custom");
            assertThat(page.getByTestId("layers")).isVisible();
            shot(page, "task-form");

            page.navigate(dashboard.page("/miner"));
            assertThat(page.locator("main h1")).hasText("Miner");
            assertThat(page.locator("main .state.loading")).hasCount(0);
            shot(page, "miner");

            page.navigate(dashboard.page("/accounts"));
            page.locator("main table a").first().click();
            assertThat(page.getByTestId("balance")).containsText("LC");
            shot(page, "account");

            page.navigate(dashboard.page("/peers"));
            assertThat(page.locator("main .state")).isVisible();
            shot(page, "peers");

            page.navigate(dashboard.page("/lifelong"));
            assertThat(page.locator("main h1")).hasText("Lifelong models");
            assertThat(page.locator("main .state.empty, main table").first()).isVisible();

            page.navigate(dashboard.page("/lifelong/99"));
            assertThat(page.locator("main .state.error")).containsText("no lifelong model 99");

            page.navigate(dashboard.page("/no-such-view"));
            assertThat(page.locator("main .state.error")).containsText("not a dashboard view");
        }
        assertThat(scriptErrors).as("script errors in the dashboard").isEmpty();
    }

    @Test
    void lifelongModelPageShowsItsLossHistoryAndBadges(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        var spec = ModelSpec.parse("input 4 | dense 3");
        Path weights = Files.write(
                tmp.resolve("w.lcm"), Initializer.initialize(spec, 1).canonicalBytes());
        Path part = Files.write(
                tmp.resolve("p.lcds"),
                DatasetCodec.encode(new Dataset(
                        "p", new int[] {4}, 3, new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, new int[] {0, 1, 2})));
        String api = base + "/api/v1";
        Cli.Run deployed = Cli.run(
                "lifelong",
                "deploy",
                "--from",
                "dev:1",
                "--weights",
                weights.toString(),
                "--parts",
                part.toString(),
                "--pick",
                "1",
                "--epoch",
                "2",
                "--window",
                "30",
                "--api",
                api);
        assertThat(deployed.exitCode()).as(deployed.err()).isZero();
        awaitShow(api, "\"pickedHashes\":[\"");
        Cli.Run revealed = Cli.run(
                "lifelong", "reveal", "--from", "dev:1", "--model", "1", "--parts", part.toString(), "--api", api);
        assertThat(revealed.exitCode()).as(revealed.err()).isZero();
        awaitShow(api, "\"status\":\"active\"");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            Page page = watched(context.newPage());
            page.navigate(dashboard.page("/lifelong"));
            assertThat(page.getByTestId("lifelong-models").locator("tbody tr")).hasCount(1);
            shot(page, "lifelong");
            page.navigate(dashboard.page("/lifelong/1"));
            assertThat(page.getByTestId("lifelong-history").locator("tbody tr")).hasCount(1);
            assertThat(page.getByTestId("lifelong-loss-chart")).isVisible();
            assertThat(page.locator(".facts")).containsText("input 4 | dense 3");
            shot(page, "lifelong-model");
        }
        assertThat(scriptErrors).as("script errors in the dashboard").isEmpty();
    }

    private static void awaitShow(String api, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Cli.Run shown = Cli.run("lifelong", "show", "--model", "1", "--api", api, "--json");
            if (shown.exitCode() == 0 && shown.out().replace(" ", "").contains(fragment)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("lifelong model 1 never showed " + fragment);
    }

    @Test
    void overviewFitsAPhoneScreen() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(new ViewportSize(390, 844))
                .setIsMobile(true)
                .setHasTouch(true))) {
            Page page = watched(context.newPage());
            page.navigate(dashboard.page("/"));
            assertThat(page.getByTestId("height")).not().isEmpty();
            Object overflow =
                    page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue())
                    .as("horizontal overflow on a phone, px")
                    .isLessThanOrEqualTo(0);
            shot(page, "overview-phone");
        }
        assertThat(scriptErrors).as("script errors in the dashboard").isEmpty();
    }

    @Test
    void aPageOpenedWithoutTheTokenReadsButChangesNothingAndSaysWhichLinkToOpen() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(base + "/#/miner");
            Locator toggle = page.locator("main button", new Page.LocatorOptions().setHasText("mining"));
            String before = toggle.textContent();
            toggle.click();
            assertThat(page.locator("main")).containsText("link the node printed");
            assertThat(page.request().get(base + "/api/v1/status").text()).contains("\"mining\":true");
            page.navigate(dashboard.page("/miner"));
            assertThat(page.locator("main button", new Page.LocatorOptions().setHasText("mining")))
                    .hasText(before);
        }
    }

    /** The task form's ONNX choice: a torch export becomes the layer list; an unsupported one says why. */
    @Test
    void importsAPyTorchOnnxFileIntoTheTaskForm() {
        Path fixtures = Path.of(
                "..", "learnchain-learn", "src", "test", "resources", "io", "learnchain", "learn", "format", "onnx");
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            Page page = watched(context.newPage());
            page.navigate(dashboard.page("/tasks/new"));
            page.getByTestId("model").selectOption("onnx");
            page.getByTestId("onnx-file").setInputFiles(fixtures.resolve("unsupported-avgpool.onnx"));
            assertThat(page.getByTestId("onnx-status")).containsText("(AveragePool) is not supported; supported:");
            page.getByTestId("onnx-file").setInputFiles(fixtures.resolve("lenet.onnx"));
            assertThat(page.getByTestId("onnx-imported")).containsText("Imported lenet.onnx");
            assertThat(page.getByTestId("model")).hasValue("custom");
            assertThat(page.locator("[name=layers]"))
                    .hasValue(Pattern.compile("^input 1x28x28 \\| conv2d 4 k5 s1 p2 \\| relu \\| maxpool 2 s2 .*"));
            shot(page, "task-form-onnx");
        }
        assertThat(scriptErrors).as("script errors in the dashboard").isEmpty();
    }

    @Test
    void showsAnErrorStateWhenAnObjectIsMissing() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(dashboard.page("/blocks/999999999"));
            assertThat(page.locator("main .state.error")).containsText("404 not_found");
            assertThat(page.locator("main .state.error button")).hasText("Try again");
            shot(page, "error-state");
        }
    }

    /** Collects uncaught script errors of the page into {@link #scriptErrors}; tests assert it stays empty. */
    private static Page watched(Page page) {
        page.onPageError(scriptErrors::add);
        page.setDefaultTimeout(20_000);
        return page;
    }

    static void shot(Page page, String view) {
        page.waitForTimeout(300); // let the last fetch paint
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(view + ".png"))
                .setFullPage(true));
    }

    /** The Debian Chromium that .ci/run installs, started as the machine allows (root, no GPU, closed network). */
    static final class SystemChromium {
        static final Path EXECUTABLE = Path.of(System.getProperty("learnchain.chromium", "/usr/bin/chromium"));

        private SystemChromium() {}

        static BrowserType.LaunchOptions launchOptions() {
            if (!Files.isExecutable(EXECUTABLE)) {
                throw new IllegalStateException("no Chromium at " + EXECUTABLE + ": install Debian's 'chromium' package"
                        + " (.ci/run does) or pass -Dlearnchain.chromium=PATH");
            }
            return new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run"));
        }
    }
}
