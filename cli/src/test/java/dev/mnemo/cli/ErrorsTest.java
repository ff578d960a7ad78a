package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorsTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownBackendIsAConfigurationErrorListingTheKnownOnes() {
        Cli.Result r = new Cli(dir).raw("stats", "--data-dir", dir.toString(),
                "-D", "mnemo.embedding.provider=test-hashing", "-D", "mnemo.vector.backend=annoy");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("annoy").contains("known:").contains("exact").contains("auto");
        assertThat(r.err().lines().count()).as("one clear line, no stack trace").isEqualTo(1);
    }

    @Test
    void anUnknownEmbeddingProviderIsAConfigurationError() {
        Cli.Result r = new Cli(dir).raw("stats", "--data-dir", dir.toString(), "-D", "mnemo.embedding.provider=nope");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("nope").contains("test-hashing");
    }

    @Test
    void aNameWithDotDotIsInvalidInput() {
        Cli cli = new Cli(dir.resolve("data"));
        Cli.Result character = cli.run("stats", "--character", "../escape");
        Cli.Result story = cli.run("add", "--text", "x", "--story", "a..b");

        assertThat(character.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(character.err()).contains("..");
        assertThat(story.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(dir.resolve("escape")).doesNotExist();
    }

    @Test
    void badValuesAreInvalidInput() {
        Cli cli = new Cli(dir);
        assertThat(cli.run("add", "--text", "x", "--timestamp", "yesterday-ish").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.run("add", "--text", "   ").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.run("search", "x", "--min-similarity", "3").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.run("add", "--text", "x", "--type", "Bad Type!").code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void usageErrorsGiveTheUsageCode() {
        Cli cli = new Cli(dir);
        assertThat(cli.run("search").code()).as("missing query").isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("stats", "--no-such-option").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("add", "--user", "only user").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("stats", "--character", "a", "--story", "b").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("stats", "-D", "not.mnemo=1").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("stats", "-D", "mnemo.db.pool-size=many").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.raw().code()).as("no subcommand").isEqualTo(ExitCodes.USAGE);
        assertThat(cli.raw("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void configFileAndEnvironmentApplyWithDashDWinning() throws IOException {
        Path config = dir.resolve("mnemo.properties");
        Files.writeString(config, "mnemo.vector.backend=annoy\nmnemo.embedding.provider=test-hashing\n");
        Cli.Result fromFile = new Cli(dir).raw("stats", "--data-dir", dir.toString(), "--config", config.toString());
        Cli.Result overridden = new Cli(dir).raw("stats", "--json", "--data-dir", dir.toString(), "--config",
                config.toString(), "-D", "mnemo.vector.backend=exact");
        Cli.Result missing = new Cli(dir).raw("stats", "--config", dir.resolve("nope.properties").toString());

        assertThat(fromFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(overridden.code()).as(overridden.err()).isZero();
        assertThat(overridden.json().get("index_backend").asText()).isEqualTo("exact");
        assertThat(missing.code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void environmentVariablesApplyBelowDashD() {
        Map<String, String> env = Map.of("MNEMO_VECTOR_BACKEND", "annoy", "MNEMO_EMBEDDING_PROVIDER", "test-hashing",
                "MNEMO_DATA_DIR", dir.resolve("from-env").toString());
        Cli.Result fromEnv = new Cli(dir, new Cancellation(), env).raw("stats");
        Cli.Result overridden = new Cli(dir, new Cancellation(), env).raw("stats", "--json", "-D", "mnemo.vector.backend=exact");

        assertThat(fromEnv.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(fromEnv.err()).contains("annoy");
        assertThat(overridden.code()).as(overridden.err()).isZero();
        assertThat(overridden.json().get("database_path").asText()).startsWith(dir.resolve("from-env").toString());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result r = new Cli(dir).raw("stats", "--verbose", "--data-dir", dir.toString(),
                "-D", "mnemo.embedding.provider=test-hashing", "-D", "mnemo.vector.backend=annoy");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("UnknownProviderException").contains("\tat ");
    }
}
