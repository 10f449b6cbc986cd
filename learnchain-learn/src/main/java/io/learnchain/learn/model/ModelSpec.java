package io.learnchain.learn.model;

import java.util.List;

/**
 * A model architecture: the input shape of one sample and the layer list. Valid by construction (the
 * constructor runs {@link ModelSpecValidator}, whose errors name the layer and the shapes). The output
 * of the last layer is flat: the logits (classification) or Q-values (DQN).
 *
 * <p>The canonical text ({@link #text()}, parsed back by {@link #parse}) is part of the canonical model
 * bytes and so of the model hash: "input 1x28x28 | conv2d 6 k5 s1 p2 | relu | ... | dense 10".
 */
public record ModelSpec(Shape input, List<LayerSpec> layers) {

    public ModelSpec {
        if (input == null || layers == null) {
            throw new IllegalArgumentException("a model spec needs an input shape and a layer list");
        }
        layers = List.copyOf(layers);
        ModelSpecValidator.layout(input, layers);
    }

    public static ModelSpec of(Shape input, LayerSpec... layers) {
        return new ModelSpec(input, List.of(layers));
    }

    /** Shapes and tensors implied by this spec (recomputed on each call: cache it in hot code). */
    public ModelLayout layout() {
        return ModelSpecValidator.layout(input, layers);
    }

    /** Number of outputs of the last layer (classes or actions). */
    public int outputSize() {
        return layout().output().size();
    }

    public String text() {
        StringBuilder sb = new StringBuilder("input ").append(input.text());
        for (LayerSpec l : layers) {
            sb.append(" | ").append(l.text());
        }
        return sb.toString();
    }

    /** Parses the canonical text of {@link #text()} (whitespace-tolerant). */
    public static ModelSpec parse(String text) {
        return ModelSpecText.parse(text);
    }

    @Override
    public String toString() {
        return text();
    }
}
