package dev.mnemo.api.vector;

import dev.mnemo.api.InvalidInputException;

/** A vector was added under an id the index already holds. */
public class DuplicateIdException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public DuplicateIdException(long id) {
        super("id " + id + " is already in the index");
    }
}
