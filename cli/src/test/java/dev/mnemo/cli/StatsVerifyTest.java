package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsVerifyTest {
    @TempDir
    Path data;

    @Test
    void statsJsonHasTheDocumentedKeys() {
        Cli cli = new Cli(data);
        cli.run("add", "--user", "u", "--assistant", "a", "--timestamp", "2025-03-04T05:06:07Z");
        cli.run("add", "--text", "a note");

        Cli.Result r = cli.run("stats", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = r.json();
        assertThat(s.fieldNames()).toIterable().contains("total_records", "conversation_records", "latest_record_time",
                "database_path", "database_size_bytes", "index_backend", "index_size", "embedding_model", "dimension");
        assertThat(s.get("total_records").asLong()).isEqualTo(2);
        assertThat(s.get("conversation_records").asLong()).isEqualTo(1);
        assertThat(s.get("index_backend").asText()).isEqualTo("exact");
        assertThat(s.get("index_size").asLong()).isEqualTo(2);
        assertThat(s.get("dimension").asInt()).isEqualTo(64);
        assertThat(s.get("database_size_bytes").asLong()).isPositive();
        assertThat(Path.of(s.get("database_path").asText())).exists();
        assertThat(s.get("operations").isObject()).isTrue();
        assertThat(s.get("slowest_searches").isArray()).isTrue();
    }

    @Test
    void statsShowRecentSearchTimings() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "one");
        cli.run("search", "one");
        cli.run("search", "one", "--type", "note");

        JsonNode s = cli.run("stats", "--json").json();

        assertThat(s.get("operations").get("search").get("count").asLong()).isEqualTo(2);
        assertThat(s.get("slowest_searches")).isNotEmpty();
        assertThat(cli.run("stats").out()).contains("recent operations").contains("search");
    }

    @Test
    void humanStatsArePlainLines() {
        Cli cli = new Cli(data);
        Cli.Result r = cli.run("stats");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("total records:").contains("embedding model:");
    }

    @Test
    void verifyExitsZeroWhenIndexAndDatabaseAgree() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "one");
        cli.run("add", "--text", "two");

        Cli.Result r = cli.run("verify", "--json");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.json().get("consistent").asBoolean()).isTrue();
        assertThat(r.json().get("database_vectors").asLong()).isEqualTo(2);
    }

    @Test
    void verifyReportsDifferencesWithExitCodeSevenAndReindexRepairsThem() throws Exception {
        // a vector written behind the store's back with the change-log trigger dropped (as an old tool
        // writing the file directly would): the index cannot learn of it, verify must see it
        Cli cli = new Cli(data);
        for (String text : new String[] {"a", "b", "c"}) {
            cli.run("add", "--text", text, "--character", "left");
        }
        Path db = data.resolve("memory/left/left_memory.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.execute("DROP TRIGGER vector_added");
            s.execute("INSERT INTO memory_record (character_name, text, timestamp, record_type, created_at, updated_at)"
                    + " SELECT character_name, 'written behind its back', timestamp, record_type, created_at, updated_at"
                    + " FROM memory_record WHERE id = 1");
            s.execute("INSERT INTO memory_vector (record_id, vector) SELECT 4, vector FROM memory_vector WHERE record_id = 1");
            s.execute("CREATE TRIGGER vector_added AFTER INSERT ON memory_vector BEGIN"
                    + " INSERT INTO vector_change (record_id, op) VALUES (NEW.record_id, 'add'); END");
        }

        Cli.Result r = cli.run("verify", "--json", "--character", "left");
        Cli.Result human = cli.run("verify", "--character", "left");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.VERIFY_DIFFERENCES);
        assertThat(r.json().get("consistent").asBoolean()).isFalse();
        assertThat(r.json().get("missing_from_index").toString()).isEqualTo("[4]");
        assertThat(r.json().get("keyword_differences").toString()).isEqualTo("[4]");
        assertThat(human.out()).contains("DIFFERENT").contains("[4]").contains("mnemo reindex");
        Cli.Result reindex = cli.run("reindex", "--character", "left");
        assertThat(reindex.code()).as(reindex.out() + reindex.err()).isZero();
        Cli.Result after = cli.run("verify", "--character", "left");
        assertThat(after.code()).as(reindex.out() + after.out() + after.err()).isZero();
    }

    @Test
    void reindexRebuildsFromTheDatabase() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "one");
        cli.run("add", "--text", "two");

        Cli.Result r = cli.run("reindex", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("index_size").asLong()).isEqualTo(2);
        assertThat(cli.run("verify").code()).isZero();
    }

    @Test
    void backendsListsEachBackendAndModelWithAvailability() {
        Cli cli = new Cli(data);
        Cli.Result r = cli.run("backends", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode exact = find(r.json().get("vector_backends"), "exact");
        assertThat(exact.get("available").asBoolean()).isTrue();
        assertThat(find(r.json().get("embedding_models"), "test-hashing").get("available").asBoolean()).isTrue();
        assertThat(r.json().get("selected_vector_backend").asText()).isEqualTo("exact");
        assertThat(cli.run("backends").out()).contains("vector backends").contains("exact").contains("available");
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError(name + " not listed in " + array);
    }
}
