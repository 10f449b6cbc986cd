package io.learnchain.cli.miner;

import io.learnchain.cli.api.ApiOption;
import io.learnchain.cli.common.ConfigOption;
import io.learnchain.cli.common.JsonOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code learnchain miner start} and {@code stop}: posts to the node's miner switch and prints the
 * miner's status as {@code miner status} does.
 */
abstract sealed class MinerSwitchCommand implements Callable<Integer>
        permits MinerSwitchCommand.Start, MinerSwitchCommand.Stop {
    @Mixin
    ApiOption api;

    @Mixin
    JsonOption json;

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final String path;

    MinerSwitchCommand(String path) {
        this.path = path;
    }

    @Override
    public Integer call() {
        MinerStatusCommand.print(spec.commandLine().getOut(), api.client().post(path, Map.of()), json.json);
        return 0;
    }

    /** {@code learnchain miner start}. */
    @picocli.CommandLine.Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start the node's miner (verification and the requester go on).")
    static final class Start extends MinerSwitchCommand {
        Start() {
            super("/api/v1/miner/start");
        }
    }

    /** {@code learnchain miner stop}. */
    @picocli.CommandLine.Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop the node's miner (verification and the requester go on).")
    static final class Stop extends MinerSwitchCommand {
        Stop() {
            super("/api/v1/miner/stop");
        }
    }
}
