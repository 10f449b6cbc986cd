package io.learnchain.cli.lifelong;

import io.learnchain.base.Hash;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain lifelong deploy}: DeployModel with the initial weights uploaded and only the parts' hashes on chain. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description =
                "Deploy a lifelong model: the initial weights (uploaded), the growth threshold, and the hashes of "
                        + "your secret test parts (Dn; the files stay with you until the chain picks Dk, then use reveal).")
final class LifelongDeployCommand implements Callable<Integer> {
    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "Initial weights (model.lcm).")
    Path weights;

    @Option(
            names = "--parts",
            required = true,
            split = ",",
            paramLabel = "FILE",
            description = "Test parts (canonical LCDS data set files), comma-separated or repeated.")
    List<Path> parts;

    @Option(
            names = "--pick",
            defaultValue = "2",
            paramLabel = "K",
            description = "Parts the chain picks (Dk, default: ${DEFAULT-VALUE}).")
    int pick;

    @Option(
            names = "--epoch",
            defaultValue = "10",
            paramLabel = "BLOCKS",
            description = "Epoch length E (default: ${DEFAULT-VALUE}).")
    int epoch;

    @Option(
            names = "--window",
            defaultValue = "10",
            paramLabel = "BLOCKS",
            description = "Reveal window W (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--threshold",
            defaultValue = "0.5",
            paramLabel = "NATS",
            description = "Loss below which the model may grow (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Mixin
    SignerOptions signer;

    @Mixin
    JsonOption json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Model model = LifelongClient.readModel(weights);
        List<Hash> hashes = parts.stream()
                .map(p -> DatasetCodec.hash(LifelongClient.readPart(p)))
                .toList();
        DeployModel d;
        try {
            d = new DeployModel(
                    model.spec().text(),
                    model.hash(),
                    DeployModel.LOSS_SOFTMAX_CROSS_ENTROPY,
                    LifelongClient.microNats(threshold, "--threshold"),
                    pick,
                    epoch,
                    window,
                    hashes);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        Map<String, Object> out = signer.client()
                .submit(signer.keys(), LifelongClient.fee(signer.fee), d, List.of(model.canonicalBytes()));
        out.put("weights", model.hash().toHex());
        out.put("parts", hashes.stream().map(Hash::toHex).toList());
        LifelongPrint.print(
                spec,
                json.json,
                out,
                "Submitted the deployment; once included, the next block picks " + pick + " of " + hashes.size()
                        + " parts: reveal them within " + window + " blocks");
        return 0;
    }
}
