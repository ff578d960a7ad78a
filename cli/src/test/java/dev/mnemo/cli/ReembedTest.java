package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switching a store to another embedding model: refused until {@code reindex --reembed}, then kept ids and texts. */
class ReembedTest {
    @TempDir
    Path data;

    @Test
    void anotherModelIsRefusedThenReembedMovesTheStoreToIt() throws Exception {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "the lighthouse keeper", "--character", "k");
        cli.run("add", "--user", "where is the key?", "--assistant", "under the mat", "--character", "k");

        Cli.Result refused = cli.run("search", "lighthouse", "--character", "k",
                "-D", "mnemo.embedding.test-hashing.dimension=32");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("reindex --reembed");

        Cli.Result reembed = cli.run("reindex", "--reembed", "--json", "--character", "k",
                "-D", "mnemo.embedding.test-hashing.dimension=32");
        assertThat(reembed.code()).as(reembed.out() + reembed.err()).isZero();
        assertThat(reembed.json().get("records").asInt()).isEqualTo(2);
        assertThat(reembed.json().get("new_model").asText()).contains("32 dims");
        assertThat(Path.of(reembed.json().get("old_store").asText())).isDirectory();

        Cli.Result search = cli.run("search", "lighthouse keeper", "--json", "--character", "k",
                "-D", "mnemo.embedding.test-hashing.dimension=32");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(search.json().get("hits").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(search.json().get("hits").get(0).get("text").asText()).isEqualTo("the lighthouse keeper");
        Cli.Result get = cli.run("get", "2", "--json", "--character", "k", "-D", "mnemo.embedding.test-hashing.dimension=32");
        assertThat(get.out()).contains("under the mat");
        try (var files = Files.list(data.resolve("memory"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".reembed"));
        }
    }
}
