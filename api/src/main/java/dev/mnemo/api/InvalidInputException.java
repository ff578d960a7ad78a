package dev.mnemo.api;

/**
 * Input that Mnemo refuses before anything is written: empty or over-long text, a malformed
 * name, an out-of-range parameter. The message names the offending argument, never its
 * full value (it may be private user text).
 */
public class InvalidInputException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
