package dev.mnemo.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct, read-only looks into a store's SQLite file, independent of the code under test. */
final class SqliteChecks {
    private SqliteChecks() {
    }

    /** The rows of {@code PRAGMA integrity_check}: exactly {@code ["ok"]} for a sound file. */
    static List<String> integrityCheck(Path db) throws SQLException {
        return strings(db, "PRAGMA integrity_check");
    }

    /** Texts stored more than once. */
    static List<String> duplicateTexts(Path db) throws SQLException {
        return strings(db, "SELECT text FROM memory_record GROUP BY text HAVING COUNT(*) > 1");
    }

    /** How many rows have exactly this text. */
    static long countText(Path db, String text) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM memory_record WHERE text = ?")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }

    private static List<String> strings(Path db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
