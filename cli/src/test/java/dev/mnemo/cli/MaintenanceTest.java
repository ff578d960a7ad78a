package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    @TempDir
    Path dir;

    private long add(Cli cli, String text, Instant when) {
        return cli.run("add", "--json", "--text", text, "--timestamp", when.toString()).json().get("id").asLong();
    }

    @Test
    void pruneDeletesOnlyRecordsOlderThanTheLimit() {
        Cli cli = new Cli(dir);
        Instant now = Instant.now();
        add(cli, "ancient", now.minus(400, ChronoUnit.DAYS));
        add(cli, "old", now.minus(40, ChronoUnit.DAYS));
        long fresh = add(cli, "fresh", now.minus(1, ChronoUnit.DAYS));

        Cli.Result r = cli.run("prune", "--days", "30", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isEqualTo(1);
        assertThat(cli.run("get", String.valueOf(fresh)).code()).isZero();
        assertThat(cli.run("search", "ancient", "--json").json().get("hits").get(0).get("text").asText()).isEqualTo("fresh");
        assertThat(cli.run("verify").code()).isZero();
    }

    @Test
    void deleteRemovesRecordsAndReportsMissingIds() {
        Cli cli = new Cli(dir);
        long a = add(cli, "alpha", Instant.now());
        long b = add(cli, "beta", Instant.now());

        Cli.Result ok = cli.run("delete", String.valueOf(a));
        Cli.Result partly = cli.run("delete", String.valueOf(b), "999");

        assertThat(ok.code()).isZero();
        assertThat(cli.run("get", String.valueOf(a)).code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(partly.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(partly.err()).contains("999");
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isZero();
        assertThat(cli.run("search", "alpha", "--json").json().get("hits")).isEmpty();
    }

    @Test
    void restoreBringsBackTheBackedUpContent() {
        Cli cli = new Cli(dir.resolve("data"));
        long kept = add(cli, "kept in the backup", Instant.now());
        Path backup = dir.resolve("backups/b1.db");

        Cli.Result b = cli.run("backup", backup.toString());
        cli.run("delete", String.valueOf(kept));
        add(cli, "written after the backup", Instant.now());
        Cli.Result r = cli.run("restore", backup.toString(), "--json");

        assertThat(b.code()).as(b.err()).isZero();
        assertThat(backup).exists();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("total_records").asLong()).isEqualTo(1);
        assertThat(cli.run("get", String.valueOf(kept)).code()).isZero();
        assertThat(cli.run("verify").code()).isZero();
        assertThat(cli.run("backup", backup.toString()).code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.run("backup", backup.toString(), "--force").code()).isZero();
        assertThat(cli.run("restore", dir.resolve("missing.db").toString()).code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
