package io.learnchain.cli.lifelong;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnchain.base.Hash;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.cli.common.JsonOption;
import io.learnchain.cli.common.UserException;
import io.learnchain.learn.compute.ComputePool;
import io.learnchain.learn.data.Dataset;
import io.learnchain.learn.data.DatasetCodec;
import io.learnchain.learn.lifelong.FixedPointLoss;
import io.learnchain.learn.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain lifelong propose}: measures the loss on Dk locally (as every node will) and proposes the weights. */
@Command(
        name = "propose",
        mixinStandardHelpOptions = true,
        description = "Propose new weights for a lifelong model: downloads the revealed test parts, computes the loss"
                + " exactly as the chain will, and submits a ProposeUpdate with the weights if it is lower.")
final class LifelongProposeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "ID", description = "Lifelong model id.")
    long model;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "The new weights (model.lcm).")
    Path weights;

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
        if (!m.path("status").asText().equals("active") || !m.path("pending").isNull()) {
            throw new UserException("model " + model + " is " + m.path("status").asText()
                    + (m.path("pending").isNull() ? "" : " with parts waiting")
                    + ": proposals are accepted once it is active");
        }
        Model next = LifelongClient.readModel(weights);
        if (!next.spec().text().equals(m.path("spec").asText())) {
            throw new UserException("the weights have spec '" + next.spec() + "', model " + model + " is '"
                    + m.path("spec").asText() + "'");
        }
        List<Dataset> parts = new ArrayList<>();
        for (JsonNode h : m.path("lossParts")) {
            parts.add(DatasetCodec.decode(client.blob(Hash.fromHex(h.asText())), "part " + h.asText()));
        }
        long loss = FixedPointLoss.of(next, parts, ComputePool.serial());
        long current = m.path("loss").asLong();
        if (loss >= current) {
            throw new UserException("the loss of these weights on Dk is " + FixedPointLoss.text(loss)
                    + ", not below the current " + FixedPointLoss.text(current) + ": the chain would reject it");
        }
        Map<String, Object> out = client.submit(
                signer.keys(),
                LifelongClient.fee(signer.fee),
                new ProposeUpdate(model, Hash.fromHex(m.path("weights").asText()), next.hash(), loss),
                List.of(next.canonicalBytes()));
        out.put("weights", next.hash().toHex());
        out.put("loss", loss);
        out.put("currentLoss", current);
        LifelongPrint.print(
                spec,
                json.json,
                out,
                "Proposed weights " + next.hash().shortHex() + " with loss " + FixedPointLoss.text(loss) + " (current "
                        + FixedPointLoss.text(current) + ")");
        return 0;
    }
}
