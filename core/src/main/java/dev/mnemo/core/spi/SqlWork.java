package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one pooled connection (and, for a write, inside its transaction). */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
