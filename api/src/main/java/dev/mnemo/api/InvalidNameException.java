package dev.mnemo.api;

/** A character or story name that is empty, too long, or would escape the data directory. */
public class InvalidNameException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
