package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.postgres.PgServer;
import dev.mnemo.postgres.PgServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The commands on a postgres store ({@code --store postgres}), against a real server. */
@ExtendWith(PgServerExtension.class)
class PostgresCliTest {
    private final PgServer server;
    private final String schema;
    @TempDir
    Path data;

    PostgresCliTest(PgServer server) {
        this.server = server;
        this.schema = server.freshSchema();
    }

    private Cli.Result run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of("--store", "postgres", "-D", "mnemo.postgres.url=" + server.url(),
                "-D", "mnemo.postgres.user=postgres", "-D", "mnemo.postgres.schema=" + schema));
        all.addAll(List.of(args));
        return new Cli(data).run(command, all.toArray(String[]::new));
    }

    @Test
    void everyStoreCommandWorksOnPostgres() throws Exception {
        assertThat(run("add", "--user", "What is your favourite fruit?", "--assistant", "Mangoes, always.").code())
                .isZero();
        assertThat(run("add", "--text", "The user lives in Lisbon.", "--type", "summary").code()).isZero();
        assertThat(run("add", "--text", "An old note.", "--type", "note", "--timestamp", "2020-01-01T00:00:00Z")
                .code()).isZero();

        JsonNode hits = run("search", "favourite fruit", "--json", "-k", "1").json().get("hits");
        assertThat(hits.get(0).get("user").asText()).isEqualTo("What is your favourite fruit?");
        long id = hits.get(0).get("id").asLong();
        assertThat(run("get", Long.toString(id), "--json").json().get("assistant").asText()).isEqualTo("Mangoes, always.");
        assertThat(run("recent", "--json").out()).contains("Mangoes, always.");

        Cli.Result stats = run("stats", "--json");
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.json().get("total_records").asLong()).isEqualTo(3);
        assertThat(stats.json().get("database_path").asText()).contains("schema " + schema);
        Cli.Result text = run("stats");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("schema " + schema);

        assertThat(run("verify").code()).isZero();
        assertThat(run("reindex").code()).isZero();
        Cli.Result compact = run("compact", "--json");
        assertThat(compact.code()).as(compact.err()).isZero();
        assertThat(run("prune", "--days", "365").code()).isZero();
        assertThat(run("stats", "--json").json().get("total_records").asLong()).isEqualTo(2);

        Path export = data.resolve("kafka.jsonl");
        assertThat(run("export", export.toString()).code()).isZero();
        Cli.Result imported = run("import", export.toString(), "--character", "Copy");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(run("stats", "--json", "--character", "Copy").json().get("total_records").asLong()).isEqualTo(2);

        assertThat(run("delete", Long.toString(id)).code()).isZero();
        assertThat(run("search", "favourite fruit", "--json").json().get("hits").toString()).doesNotContain("Mangoes");
    }

    @Test
    void backupAndRestoreSayToUsePgDump() {
        run("add", "--text", "a record");
        Path file = data.resolve("backup.db");
        Cli.Result backup = run("backup", file.toString());
        assertThat(backup.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(backup.err()).contains("pg_dump");
        assertThat(file).doesNotExist();
        Cli.Result restore = run("restore", file.toString());
        assertThat(restore.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(restore.err()).contains("pg_dump");
    }

    @Test
    void anUnreachableServerIsAStorageErrorNamingIt() throws Exception {
        Cli.Result r = new Cli(data).run("stats", "--store", "postgres",
                "-D", "mnemo.postgres.url=jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2",
                "-D", "mnemo.postgres.password=hunter2");
        assertThat(r.code()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).contains("127.0.0.1:1/nowhere").doesNotContain("hunter2");
        assertThat(Files.exists(data.resolve("memory/default/default_memory.db"))).isFalse();
    }
}
