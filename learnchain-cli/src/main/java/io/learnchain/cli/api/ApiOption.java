package io.learnchain.cli.api;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --api URL} option of commands that talk to a running node. */
public final class ApiOption {
    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8645",
            description = "The node's API base URL (default: ${DEFAULT-VALUE}; `learnchain node` prints it).")
    public String url;

    @Option(
            names = "--api-cookie",
            paramLabel = "FILE",
            description = "The file holding the node's API token, which commands that change the node send"
                    + " (default: the cookie a node on this machine leaves at ~/.learnchain/run/api-PORT.cookie;"
                    + " a node also writes DATADIR/api.cookie).")
    public Path cookie;

    public ApiClient client() {
        return new ApiClient(url, Optional.ofNullable(cookie));
    }
}
