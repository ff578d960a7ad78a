package dev.mnemo.core.internal.db;

import dev.mnemo.core.spi.MetaSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** {@link StoreMeta}'s {@code store_meta} table as the store-kind SPI sees it. */
final class SqliteMeta implements MetaSql {
    @Override
    public Optional<String> get(Connection c, String key) throws SQLException {
        return StoreMeta.get(c, key);
    }

    @Override
    public void put(Connection c, String key, String value) throws SQLException {
        StoreMeta.put(c, key, value);
    }

    @Override
    public void remove(Connection c, String key) throws SQLException {
        StoreMeta.remove(c, key);
    }
}
