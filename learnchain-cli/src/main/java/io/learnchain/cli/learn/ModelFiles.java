package io.learnchain.cli.learn;

import io.learnchain.cli.common.UserException;
import io.learnchain.learn.format.ModelMetadata;
import io.learnchain.learn.format.ModelSafetensors;
import io.learnchain.learn.format.OnnxExporter;
import io.learnchain.learn.model.Model;
import io.learnchain.learn.train.TrainingRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes model files: the canonical bytes ({@code model.lcm}, whose SHA-256 is the model
 * hash), PyTorch-named safetensors, ONNX and metadata.json. Each file is written to a temporary
 * name and moved into place, so an interrupted export leaves no half-written model.
 */
final class ModelFiles {
    static final String CANONICAL = "model.lcm";
    static final String SAFETENSORS = "model.safetensors";
    static final String ONNX = "model.onnx";

    private ModelFiles() {}

    /** Reads canonical bytes (.lcm or any other name) or safetensors (.safetensors). */
    static Model read(Path file) {
        byte[] bytes = readBytes(file, "model file");
        try {
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
                return ModelSafetensors.read(bytes, file.toString());
            }
            return Model.fromCanonicalBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + " is not a learnchain model (" + e.getMessage()
                    + "); pass the model.lcm or model.safetensors written by learnchain train");
        }
    }

    /** The bytes of {@code file}, or a user error naming it as {@code what} ("model file", "ONNX file"). */
    static byte[] readBytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new UserException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** Writes the four hand-off files into {@code dir} (created if needed); returns their paths. */
    static List<Path> writeAll(
            Path dir,
            Model model,
            Optional<TrainingRecord> record,
            Map<String, Double> metrics,
            Map<String, String> notes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException("cannot create output folder " + dir + ": " + e.getMessage());
        }
        byte[] metadata =
                new ModelMetadata(model, record, metrics, notes).toJson().getBytes(StandardCharsets.UTF_8);
        return List.of(
                write(dir.resolve(CANONICAL), model.canonicalBytes()),
                write(dir.resolve(SAFETENSORS), ModelSafetensors.write(model)),
                write(dir.resolve(ONNX), OnnxExporter.export(model)),
                write(dir.resolve(ModelMetadata.FILE_NAME), metadata));
    }

    private static Path write(Path file, byte[] bytes) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
