package io.learnchain.cli.lifelong;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Hash;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.lifelong.ModelGrowth;
import io.learnchain.learn.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain lifelong grow}: GrowModel with the grown weights (old weights bit-identical) and new part hashes. */
@Command(
        name = "grow",
        mixinStandardHelpOptions = true,
        description = "Grow your lifelong model by new output classes and hidden neurons once its loss is under the"
                + " threshold: the current weights are widened (old weights kept bit for bit) unless --weights gives"
                + " grown weights; the new test parts' hashes go on chain, reveal them after the pick.")
final class LifelongGrowCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ID", description = "Lifelong model id.")
    long model;

    @Option(names = "--classes", paramLabel = "N", description = "Output classes after the growth.")
    Integer classes;

    @Option(
            names = "--neurons",
            defaultValue = "0",
            paramLabel = "N",
            description = "New neurons in the last hidden dense layer (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(
            names = "--init-seed",
            defaultValue = "1",
            paramLabel = "SEED",
            description = "Seed of the new weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--weights",
            paramLabel = "FILE",
            description = "Grown weights (model.lcm) instead of --classes/--neurons.")
    Path weights;

    @Option(
            names = "--parts",
            required = true,
            split = ",",
            paramLabel = "FILE",
            description = "New test parts (LCDS files).")
    List<Path> parts;

    @Option(
            names = "--pick",
            defaultValue = "1",
            paramLabel = "K",
            description = "New parts the chain picks (default: ${DEFAULT-VALUE}).")
    int pick;

    @Option(
            names = "--threshold",
            defaultValue = "0",
            paramLabel = "NATS",
            description = "The grown model's growth threshold (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Mixin
    SignerOptions signer;

    @Mixin
    JsonOption json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LifelongClient client = signer.client();
        JsonNode m = client.model(model);
        Hash parent = Hash.fromHex(m.path("weights").asText());
        Model grown;
        if (weights != null) {
            grown = LifelongClient.readModel(weights);
        } else if (classes != null) {
            Model current = Model.fromCanonicalBytes(client.blob(parent));
            try {
                grown = ModelGrowth.grow(current, classes, neurons, seed);
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        } else {
            throw new UserException(
                    "give --classes N (and --neurons N) to widen the current weights, or --weights FILE");
        }
        List<Hash> hashes = parts.stream()
                .map(p -> DatasetCodec.hash(LifelongClient.readPart(p)))
                .toList();
        GrowModel g;
        try {
            g = new GrowModel(
                    model,
                    parent,
                    grown.spec().text(),
                    grown.hash(),
                    LifelongClient.microNats(threshold, "--threshold"),
                    pick,
                    hashes);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        Map<String, Object> out =
                client.submit(signer.keys(), LifelongClient.fee(signer.fee), g, List.of(grown.canonicalBytes()));
        out.put("spec", grown.spec().text());
        out.put("weights", grown.hash().toHex());
        out.put("parts", hashes.stream().map(Hash::toHex).toList());
        LifelongPrint.print(
                spec,
                json.json,
                out,
                "Submitted the growth to '" + grown.spec() + "'; reveal the picked"
                        + " new parts after the next block");
        return 0;
    }
}
