package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard ships whole: every file index.html and the ES modules import is on the classpath. */
class DashboardResourcesTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s.*?from\\s+'([^']+)';", Pattern.MULTILINE);
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:js|css)/[^\"]+)\"");

    @Test
    void everyModuleTheDashboardImportsIsPackaged() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Matcher assets = ASSET.matcher(read("/index.html"));
        while (assets.find()) {
            todo.add(assets.group(1));
        }
        assertThat(todo).contains("/js/app.js", "/css/app.css");
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (!seen.add(file) || !file.endsWith(".js")) {
                continue;
            }
            Matcher imports = IMPORT.matcher(read(file));
            while (imports.find()) {
                todo.add(resolve(file, imports.group(1)));
            }
        }
        assertThat(seen)
                .as("modules reached from index.html")
                .hasSizeGreaterThan(10)
                .contains("/js/views/overview.js", "/js/views/task.js", "/js/chart.js");
    }

    private static String resolve(String from, String relative) {
        String dir = from.substring(0, from.lastIndexOf('/'));
        String path = relative;
        while (path.startsWith("../")) {
            dir = dir.substring(0, dir.lastIndexOf('/'));
            path = path.substring(3);
        }
        return dir + "/" + (path.startsWith("./") ? path.substring(2) : path);
    }

    private static String read(String file) {
        String resource = ApiServer.DASHBOARD_DIRECTORY + file;
        try (InputStream in = DashboardResourcesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
