package dev.mnemo.backend.faiss;

import dev.mnemo.api.MnemoException;

/** FAISS refused an operation; the message names the action and carries FAISS's own message. */
public class FaissException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public FaissException(String action, Throwable cause) {
        super("FAISS could not " + action + ": " + cause.getMessage(), cause);
    }
}
