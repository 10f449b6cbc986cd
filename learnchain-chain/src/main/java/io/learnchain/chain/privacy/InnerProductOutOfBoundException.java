package io.learnchain.chain.privacy;

/**
 * A decryption reached a group element g^v with |v| above the discrete-logarithm bound, or one
 * that is no g^v in range at all (for instance: the key was derived for another vector). Never a
 * wrong answer: the bounded search either finds the one v or says so.
 */
public final class InnerProductOutOfBoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InnerProductOutOfBoundException(String message) {
        super(message);
    }
}
