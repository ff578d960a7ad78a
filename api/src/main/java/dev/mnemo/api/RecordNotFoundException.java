package dev.mnemo.api;

/** An operation named a record id that the store does not hold. */
public class RecordNotFoundException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(long id) {
        super("no memory record with id " + id);
    }
}
