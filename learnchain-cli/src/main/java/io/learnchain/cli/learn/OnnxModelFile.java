package io.learnchain.cli.learn;

import io.learnchain.cli.common.UserException;
import io.learnchain.learn.format.onnx.OnnxImport;
import io.learnchain.learn.format.onnx.OnnxImportException;
import io.learnchain.learn.format.onnx.OnnxImporter;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code --model-onnx FILE}: a model exported by PyTorch ({@code torch.onnx.export}) read into the
 * engine's spec and weights; a file the engine cannot take is one line naming the file, the node,
 * its operator and what is supported (exit code 2).
 */
public final class OnnxModelFile {
    private OnnxModelFile() {}

    public static OnnxImport read(Path file) {
        byte[] bytes = ModelFiles.readBytes(file, "ONNX file");
        try {
            return OnnxImporter.read(bytes);
        } catch (OnnxImportException e) {
            throw new UserException(file + ": " + e.getMessage(), e);
        }
    }

    /** Prints the import's notes ("note: model.onnx: dropped the final LogSoftmax: ..."). */
    public static void printNotes(PrintWriter out, Path file, OnnxImport imported) {
        for (String note : imported.notes()) {
            out.println("note: " + file + ": " + note);
        }
    }
}
