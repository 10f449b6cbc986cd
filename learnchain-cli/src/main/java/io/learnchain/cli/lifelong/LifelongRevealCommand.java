package io.learnchain.cli.lifelong;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Hash;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain lifelong reveal}: RevealParts with the picked parts' files uploaded. */
@Command(
        name = "reveal",
        mixinStandardHelpOptions = true,
        description = "Reveal the test parts the chain picked for your model (deployment or growth): uploads the picked"
                + " files among --parts with a RevealParts transaction.")
final class LifelongRevealCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ID", description = "Lifelong model id.")
    long model;

    @Option(names = "--parts", required = true, split = ",", paramLabel = "FILE", description = "Your test part files.")
    List<Path> parts;

    @Mixin
    SignerOptions signer;

    @Mixin
    JsonOption json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LifelongClient client = signer.client();
        JsonNode pending = client.model(model).path("pending");
        if (pending.isNull()
                || pending.isMissingNode()
                || pending.path("pickedHashes").isEmpty()) {
            throw new UserException("model " + model + " has no picked parts waiting; the chain picks them in the block"
                    + " after the deployment or growth (see learnchain lifelong show --model " + model + ")");
        }
        Map<Hash, byte[]> files = new HashMap<>();
        for (Path p : parts) {
            Dataset d = LifelongClient.readPart(p);
            files.put(DatasetCodec.hash(d), DatasetCodec.encode(d));
        }
        List<byte[]> upload = new ArrayList<>();
        for (JsonNode h : pending.path("pickedHashes")) {
            byte[] bytes = files.get(Hash.fromHex(h.asText()));
            if (bytes == null) {
                throw new UserException("picked part " + h.asText() + " is none of the --parts files");
            }
            upload.add(bytes);
        }
        Map<String, Object> out =
                client.submit(signer.keys(), LifelongClient.fee(signer.fee), new RevealParts(model), upload);
        out.put("revealed", pending.path("pickedHashes").size());
        LifelongPrint.print(spec, json.json, out, "Submitted the reveal of " + upload.size() + " picked parts");
        return 0;
    }
}
