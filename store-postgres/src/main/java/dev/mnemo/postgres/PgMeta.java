package dev.mnemo.postgres;

import dev.mnemo.core.spi.MetaSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** A store's facts in the shared {@code store_meta} table. */
final class PgMeta implements MetaSql {
    private final long storeId;

    PgMeta(long storeId) {
        this.storeId = storeId;
    }

    @Override
    public Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_meta WHERE store_id = ? AND key = ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_meta (store_id, key, value) VALUES (?, ?, ?)"
                + " ON CONFLICT (store_id, key) DO UPDATE SET value = excluded.value")) {
            ps.setLong(1, storeId);
            ps.setString(2, key);
            ps.setString(3, value);
            ps.executeUpdate();
        }
    }

    @Override
    public void remove(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_meta WHERE store_id = ? AND key = ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }
}
