package io.learnchain.cli.api;

import picocli.CommandLine.Option;

/** The {@code --api URL} option of commands that talk to a running node. */
public final class ApiOption {
    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8645",
            description = "The node's API base URL (default: ${DEFAULT-VALUE}; `learnchain node` prints it).")
    public String url;

    public ApiClient client() {
        return new ApiClient(url);
    }
}
