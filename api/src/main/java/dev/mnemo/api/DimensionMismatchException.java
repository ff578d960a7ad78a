package dev.mnemo.api;

/** A vector whose length is not the dimension of the index or store it was given to. */
public class DimensionMismatchException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final int expected;
    private final int actual;

    public DimensionMismatchException(String what, int expected, int actual) {
        super(what + " has dimension " + actual + ", expected " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public int expected() {
        return expected;
    }

    public int actual() {
        return actual;
    }
}
