package dev.mnemo.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void everyPooledConnectionHasWalForeignKeysAndBusyTimeout() throws Exception {
        try (Database db = new Database(dir.resolve("t.db"), 4, 1234, "NORMAL")) {
            // hold all four at once (nested borrows) so that four distinct pooled connections are checked
            List<Connection> held = new ArrayList<>();
            borrowNested(db, 4, held);
            assertThat(held).hasSize(4).doesNotHaveDuplicates();
            assertThat(db.activeConnections()).isZero();
        }
    }

    @Test
    void schemaHasLegacyColumnsIndexesAndVersion() throws Exception {
        try (Database db = new Database(dir.resolve("t.db"), 2, 1000, "NORMAL")) {
            db.read("inspect", c -> {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA table_info(memory_record)")) {
                    while (rs.next()) {
                        columns.add(rs.getString("name"));
                    }
                }
                assertThat(columns).containsExactly("id", "character_name", "text", "user_message", "assistant_message",
                        "timestamp", "record_type", "vector_index", "similarity_score", "created_at", "updated_at");
                List<String> indexes = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA index_list(memory_record)")) {
                    while (rs.next()) {
                        indexes.add(rs.getString("name"));
                    }
                }
                assertThat(indexes).contains("idx_character_timestamp", "idx_character_type");
                try (ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
                    assertThat(rs.getInt(1)).isEqualTo(Schema.latestVersion());
                }
                return null;
            });
        }
        // reopening applies nothing twice
        try (Database db = new Database(dir.resolve("t.db"), 2, 1000, "NORMAL")) {
            int rows = db.read("count", c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(Schema.migrationCount());
        }
    }

    @Test
    void deletingARecordCascadesToItsVectorAndLogsTheChange() {
        try (Database db = new Database(dir.resolve("t.db"), 2, 1000, "NORMAL")) {
            RecordRepository repo = new RecordRepository("c");
            long id = db.write("insert", c -> repo.insert(c, MemoryDraft.of(
                    RecordType.of("note"), "x", null), new float[] {1, 0}, null, Instant.now()).id());
            db.write("delete", c -> repo.delete(c, new long[] {id}));
            db.read("check", c -> {
                assertThat(repo.vectorIds(c)).isEmpty();
                assertThat(ChangeLog.since(c, 0, 10)).extracting(ChangeLog.Change::added).containsExactly(true, false);
                return null;
            });
        }
    }

    private static void borrowNested(Database db, int depth, List<Connection> held) {
        if (depth == 0) {
            return;
        }
        db.read("probe", c -> {
            held.add(c);
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("1234");
            assertThat(pragma(c, "synchronous")).isEqualTo("1");
            borrowNested(db, depth - 1, held);
            return null;
        });
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            return rs.getString(1);
        }
    }
}
