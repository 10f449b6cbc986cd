package io.learnchain.cli.miner;

import io.learnchain.cli.ConfigOption;
import io.learnchain.cli.JsonOption;
import io.learnchain.cli.api.ApiOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code learnchain miner stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the node's miner (verification and the requester go on).")
final class MinerStopCommand implements Callable<Integer> {
    @Mixin ApiOption api;
    @Mixin JsonOption json;
    @Mixin ConfigOption config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MinerStatusCommand.print(spec.commandLine().getOut(), api.client().post("/api/v1/miner/stop", Map.of()),
                json.json);
        return 0;
    }
}
