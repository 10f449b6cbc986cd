package io.learnchain.learn.format.onnx;

/**
 * An ONNX graph the engine cannot take: one line that names the node, its operator and what is
 * supported ("node '/1/AveragePool' (AveragePool) is not supported; supported: ..."), or what is
 * wrong with the file or the graph as a whole. A user mistake, not a bug.
 */
public final class OnnxImportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OnnxImportException(String message) {
        super(message);
    }

    OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
