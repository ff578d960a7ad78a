package dev.mnemo.api.embedding;

/** The service answered with something unusable: malformed JSON, wrong count or dimension, NaN. */
public class EmbeddingResponseException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public EmbeddingResponseException(String message) {
        super(message);
    }

    public EmbeddingResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
