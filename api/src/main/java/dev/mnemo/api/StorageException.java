package dev.mnemo.api;

/**
 * A database operation failed. Keeps the SQL and SQLState for diagnosis; bound values (user
 * text) are never part of the message.
 */
public class StorageException extends MnemoException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public StorageException(String action, String sqlState, Throwable cause) {
        super(action + " failed" + (sqlState == null ? "" : " (SQLState " + sqlState + ")")
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.sqlState = sqlState;
    }

    /** The SQLState reported by the driver, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }
}
