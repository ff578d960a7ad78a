package dev.mnemo.core.internal.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the bytes of a database file go: per table (its indexes counted with it) from SQLite's
 * {@code dbstat} virtual table, which sqlite-jdbc's build includes, and the free list.
 */
public final class FileUsage {
    private FileUsage() {
    }

    /**
     * Bytes of the file per table with its indexes, largest first; the schema's own b-tree is
     * {@code sqlite_schema}. Empty when this SQLite was built without {@code dbstat}.
     */
    public static Map<String, Long> bytesPerTable(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        String sql = "SELECT COALESCE(m.tbl_name, d.name) AS owner, SUM(d.pgsize) AS bytes"
                + " FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name"
                + " GROUP BY owner ORDER BY bytes DESC, owner";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table: dbstat")) {
                return Map.of();
            }
            throw e;
        }
        return out;
    }

    /** Bytes on the free list (pages of deleted data the file keeps until it is vacuumed). */
    public static long freeBytes(Connection c) throws SQLException {
        return pragma(c, "freelist_count") * pragma(c, "page_size");
    }

    /** The page size of the file. */
    public static long pageSize(Connection c) throws SQLException {
        return pragma(c, "page_size");
    }

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }
}
