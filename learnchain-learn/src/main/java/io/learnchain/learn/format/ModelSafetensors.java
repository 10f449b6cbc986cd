package io.learnchain.learn.format;

import io.learnchain.learn.model.Model;
import io.learnchain.learn.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model as a safetensors file with PyTorch names ({@link TorchTensors}); the metadata holds
 * {@code format=pt}, the learnchain spec text and the model hash, so the file alone rebuilds the
 * model and {@link #read} can check it is the one that was written.
 */
public final class ModelSafetensors {
    public static final String SPEC_KEY = "learnchain.spec";
    public static final String HASH_KEY = "learnchain.model_hash";

    private ModelSafetensors() {}

    public static byte[] write(Model model) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(SPEC_KEY, model.spec().text());
        metadata.put(HASH_KEY, model.hash().toHex());
        return Safetensors.write(TorchTensors.fromModel(model), metadata);
    }

    /** Rebuilds the model; when the file names a model hash, the rebuilt model must have it. */
    public static Model read(byte[] bytes, String source) {
        Safetensors.Contents c = Safetensors.read(bytes, source);
        String specText = c.metadata().get(SPEC_KEY);
        if (specText == null) {
            throw new FormatException(
                    source,
                    "no " + SPEC_KEY + " in the metadata: not written by learnchain, "
                            + "so the architecture is unknown");
        }
        Model model;
        try {
            model = TorchTensors.toModel(ModelSpec.parse(specText), c);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source, e.getMessage(), e);
        }
        String hash = c.metadata().get(HASH_KEY);
        if (hash != null
                && !model.hash().toHex().equalsIgnoreCase(hash)) { // a hash that is not even hex is a mismatch too
            throw new FormatException(
                    source,
                    "the tensors hash to " + model.hash().toHex() + " but the metadata says " + hash
                            + " (edited or corrupted file)");
        }
        return model;
    }
}
