package io.learnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCookiesTest {
    @TempDir
    Path dataDir;

    @Test
    void theTokenIsWrittenForItsOwnerOnlyAndDeletedWhenTheNodeStops() throws Exception {
        ApiToken token = ApiToken.random();
        int port = 1; // no node listens there
        try (ApiCookies cookies = ApiCookies.write(token, port, Optional.of(dataDir))) {
            assertThat(cookies.files()).containsExactly(dataDir.resolve("api.cookie"), ApiCookies.runFile(port));
            for (Path f : cookies.files()) {
                assertThat(Files.readString(f).strip()).isEqualTo(token.value());
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .isEqualTo("rw-------");
            }
        }
        assertThat(dataDir.resolve("api.cookie")).doesNotExist();
        assertThat(ApiCookies.runFile(port)).doesNotExist();
    }

    @Test
    void aLaterNodesCookieOnTheSamePortIsLeftAlone() throws Exception {
        int port = 2;
        ApiCookies first = ApiCookies.write(ApiToken.random(), port, Optional.empty());
        ApiToken second = ApiToken.random();
        try (ApiCookies later = ApiCookies.write(second, port, Optional.empty())) {
            first.close();
            assertThat(Files.readString(ApiCookies.runFile(port)).strip()).isEqualTo(second.value());
        }
        assertThat(ApiCookies.runFile(port)).doesNotExist();
    }
}
