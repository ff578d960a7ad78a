package dev.mnemo.api.embedding;

/** The service refused an input (too long, empty); the message says which input by position. */
public class EmbeddingInputException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public EmbeddingInputException(String message) {
        super(message);
    }
}
