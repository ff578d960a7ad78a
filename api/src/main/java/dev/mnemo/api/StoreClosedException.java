package dev.mnemo.api;

/** A store, index or model was used after {@code close()}. */
public class StoreClosedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String what) {
        super(what + " is closed");
    }
}
