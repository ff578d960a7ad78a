package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Key/value facts a store records about itself (embedding model, dimension, store id, markers). */
public interface MetaSql {
    Optional<String> get(Connection c, String key) throws SQLException;

    void put(Connection c, String key, String value) throws SQLException;

    void remove(Connection c, String key) throws SQLException;
}
