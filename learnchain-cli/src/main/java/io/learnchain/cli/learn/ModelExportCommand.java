package io.learnchain.cli.learn;

import io.learnchain.cli.common.JsonOption;
import io.learnchain.learn.model.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code learnchain model export}: writes the hand-off files of a model. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Write model.lcm, model.safetensors (PyTorch names), model.onnx and metadata.json for a model file.")
public final class ModelExportCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "model.lcm or model.safetensors.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public void run() {
        Model model = ModelFiles.read(in);
        PrintWriter o = spec.commandLine().getOut();
        List<Path> written =
                ModelFiles.writeAll(out, model, Optional.empty(), Map.of(), Map.of("exportedFrom", in.toString()));
        if (json.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("modelHash", model.hash().toHex());
            result.put("files", written.stream().map(Path::toString).toList());
            JsonOption.printJson(o, result);
            return;
        }
        for (Path p : written) {
            o.println("wrote " + p);
        }
        o.println("model hash " + model.hash().toHex());
        o.flush();
    }
}
