package dev.mnemo.api;

/**
 * Root of every exception Mnemo throws. Unchecked: callers catch the subclass that names the
 * failed action when they can do something about it.
 */
public class MnemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MnemoException(String message) {
        super(message);
    }

    public MnemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
