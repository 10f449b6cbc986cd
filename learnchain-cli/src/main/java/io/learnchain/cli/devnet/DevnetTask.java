package io.learnchain.cli.devnet;

import java.util.List;

/** The demo task a pole devnet's requester posts ({@code --task}). */
final class DevnetTask {
    static final List<String> NAMES = List.of("fashion-mnist-mlp", "fashion-mnist-lenet5", "mlp-small");

    private DevnetTask() {
    }
}
