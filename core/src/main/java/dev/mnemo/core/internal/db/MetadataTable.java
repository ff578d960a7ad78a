package dev.mnemo.core.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * {@code record_metadata}: a record's metadata as one row per key, beside {@code memory_record}
 * (whose legacy columns stay as they were).
 *
 * <p>A value is typed by {@code type} ({@code string}, {@code long}, {@code double},
 * {@code boolean}); strings live in {@code text_value}, numbers and booleans (0/1) in
 * {@code num_value}, so numeric comparisons are SQLite's (a long and a double compare by value).
 * The two indexes lead with {@code (key, type)}: a filter seeks its key and kind, and the check
 * that a key holds no value of another kind is one index probe. Rows go with their record by
 * {@code ON DELETE CASCADE} (the store's connections run with {@code foreign_keys=ON}), on every
 * delete path. Written by {@link RecordRepository} in the record's own transaction.
 */
final class MetadataTable {
    static final String TABLE = "record_metadata";
    /** SQL of schema migration 6 (see {@link Schema}). */
    static final List<String> CREATE = List.of(
            """
            CREATE TABLE record_metadata (
                record_id INTEGER NOT NULL REFERENCES memory_record (id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN ('string', 'long', 'double', 'boolean')),
                text_value TEXT,
                num_value,
                PRIMARY KEY (record_id, key)) WITHOUT ROWID""",
            "CREATE INDEX idx_record_metadata_text ON record_metadata (key, type, text_value)",
            "CREATE INDEX idx_record_metadata_num ON record_metadata (key, type, num_value)");
    private static final int IN_CHUNK = 900;

    private MetadataTable() {
    }

    /** The stored type name of a normalised value. */
    static String typeOf(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long) {
            return "long";
        }
        return value instanceof Double ? "double" : "boolean";
    }

    /** Writes the metadata of a record that has none yet. */
    static void insert(Connection c, long id, Map<String, Object> metadata) throws SQLException {
        if (metadata.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (record_id, key, type, text_value, num_value) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Object> e : metadata.entrySet()) {
                Object v = e.getValue();
                ps.setLong(1, id);
                ps.setString(2, e.getKey());
                ps.setString(3, typeOf(v));
                if (v instanceof String s) {
                    ps.setString(4, s);
                    ps.setNull(5, Types.NUMERIC);
                } else {
                    ps.setNull(4, Types.VARCHAR);
                    bindNumber(ps, 5, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Replaces the metadata of a record. */
    static void replace(Connection c, long id, Map<String, Object> metadata) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE record_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        insert(c, id, metadata);
    }

    /** Binds a number or boolean as SQLite stores it: long as INTEGER, double as REAL, boolean as 0/1. */
    static void bindNumber(PreparedStatement ps, int index, Object v) throws SQLException {
        if (v instanceof Long l) {
            ps.setLong(index, l);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else {
            ps.setLong(index, ((Boolean) v) ? 1 : 0);
        }
    }

    /** The metadata of these records; records without any are missing from the map. */
    static Map<Long, Map<String, Object>> load(Connection c, long[] ids) throws SQLException {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (int from = 0; from < ids.length; from += IN_CHUNK) {
            int to = Math.min(ids.length, from + IN_CHUNK);
            StringJoiner marks = new StringJoiner(", ");
            for (int i = from; i < to; i++) {
                marks.add("?");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT record_id, key, type, text_value, num_value FROM "
                    + TABLE + " WHERE record_id IN (" + marks + ")")) {
                for (int i = from; i < to; i++) {
                    ps.setLong(1 + i - from, ids[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), value(rs));
                    }
                }
            }
        }
        return out;
    }

    private static Object value(ResultSet rs) throws SQLException {
        return switch (rs.getString(3)) {
            case "string" -> rs.getString(4);
            case "long" -> rs.getLong(5);
            case "double" -> rs.getDouble(5);
            default -> rs.getLong(5) != 0;
        };
    }
}
