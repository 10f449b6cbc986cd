package io.learnchain.cli.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
    @Test
    void passesThisJvmsOptionsOnButNotADebuggerAgent() {
        List<String> options = ChildJvm.childOptions(List.of(
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx2g",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-Xrunjdwp:transport=dt_socket",
                "-Xss4m"));

        assertThat(options).containsExactly("--add-modules", "jdk.incubator.vector", "-Xmx2g", "-Xss4m");
    }

    @Test
    void runsTheLearnchainMainClassOnTheSameClassPath() {
        ChildJvm jvm = new ChildJvm(Path.of("/jdk/bin/java"), List.of("-Xmx1g"), "/x/learnchain-all.jar");

        assertThat(jvm.command(List.of("node", "--json")))
                .containsExactly(
                        "/jdk/bin/java",
                        "-Xmx1g",
                        "-cp",
                        "/x/learnchain-all.jar",
                        "io.learnchain.cli.Main",
                        "node",
                        "--json");
    }

    @Test
    void findsThisProcesssJavaLauncher() {
        ChildJvm jvm = ChildJvm.current();

        assertThat(Files.isExecutable(jvm.launcher())).isTrue();
        assertThat(jvm.classPath()).isNotBlank();
    }
}
