package dev.mnemo.api;

/**
 * A store was opened with an embedding model (or dimension) other than the one it was created
 * with. Vectors of two models never share one store; re-embed into a new store instead.
 */
public class ModelMismatchException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public ModelMismatchException(String message) {
        super(message);
    }
}
