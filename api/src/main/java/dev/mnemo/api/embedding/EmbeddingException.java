package dev.mnemo.api.embedding;

import dev.mnemo.api.MnemoException;

/**
 * An embedding call failed. Subclasses say why; messages never contain API keys.
 */
public class EmbeddingException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
