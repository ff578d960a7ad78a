package dev.mnemo.api;

/** A vector with a NaN or infinite component, or one that cannot be normalised (all zeros). */
public class InvalidVectorException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidVectorException(String message) {
        super(message);
    }
}
