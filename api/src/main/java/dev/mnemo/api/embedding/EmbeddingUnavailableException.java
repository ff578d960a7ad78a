package dev.mnemo.api.embedding;

/**
 * The service could not be reached or kept failing (I/O errors, timeouts, 429/5xx after retries,
 * open circuit breaker). Retrying later may succeed.
 */
public class EmbeddingUnavailableException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
