package dev.mnemo.api.embedding;

/** The API key is missing or was rejected (HTTP 401/403). */
public class EmbeddingAuthException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public EmbeddingAuthException(String message) {
        super(message);
    }
}
