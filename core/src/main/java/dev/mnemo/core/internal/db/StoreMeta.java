package dev.mnemo.core.internal.db;

import dev.mnemo.api.embedding.EmbeddingModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Key/value facts a store records about itself ({@code store_meta}): embedding model, dimension, metric. */
public final class StoreMeta {
    public static final String EMBEDDING_MODEL = "embedding_model";
    public static final String DIMENSION = "dimension";
    public static final String METRIC = "metric";
    public static final String STORE_NAME = "store_name";
    public static final String STORE_ID = "store_id";
    /**
     * Present while the keyword leg of a store that predates it is being filled: the highest
     * record id analysed so far. Removed when every record is in the keyword table.
     */
    public static final String KEYWORD_BACKFILLED_TO = "keyword_backfilled_to";

    private StoreMeta() {
    }

    public static Optional<String> get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The model a store's vectors come from, as {@code name (N dims)}; empty for a store that has none yet. */
    public static Optional<String> model(Connection c) throws SQLException {
        Optional<String> name = get(c, EMBEDDING_MODEL);
        if (name.isEmpty()) {
            return name;
        }
        return Optional.of(name.get() + " (" + get(c, DIMENSION).orElse("?") + " dims)");
    }

    /** A model in the form {@link #model} reports, so the two compare directly. */
    public static String describe(EmbeddingModel model) {
        return model.name() + " (" + model.dimension() + " dims)";
    }

    public static void remove(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM store_meta WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    public static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
