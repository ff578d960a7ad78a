package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code add --meta}, {@code search --where} and metadata in JSON output, export and import. */
class MetadataCliTest {
    @TempDir
    Path dir;

    private List<String> texts(Cli.Result r) {
        assertThat(r.code()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        r.json().get("hits").forEach(h -> out.add(h.get("text").asText()));
        return out;
    }

    @Test
    void addMetaAndSearchWhereRoundTrip() {
        Cli cli = new Cli(dir);
        Cli.Result added = cli.run("add", "--json", "--text", "tea with u1", "--meta", "user_id=u1",
                "--meta", "importance=n:3", "--meta", "score=d:0.5", "--meta", "pinned=b:true", "--meta", "code=s:n:7");
        cli.run("add", "--text", "tea with u1, minor", "--meta", "user_id=u1", "--meta", "importance=n:1");
        cli.run("add", "--text", "tea with u2", "--meta", "user_id=u2", "--meta", "importance=n:5");

        assertThat(added.code()).as(added.err()).isZero();
        JsonNode meta = added.json().get("metadata");
        assertThat(meta.get("user_id").asText()).isEqualTo("u1");
        assertThat(meta.get("importance").isIntegralNumber()).isTrue();
        assertThat(meta.get("importance").asLong()).isEqualTo(3);
        assertThat(meta.get("score").asDouble()).isEqualTo(0.5);
        assertThat(meta.get("pinned").asBoolean()).isTrue();
        assertThat(meta.get("code").asText()).isEqualTo("n:7");

        assertThat(texts(cli.run("search", "tea", "--json", "--where", "user_id = \"u1\" and importance >= 3")))
                .containsExactly("tea with u1");
        assertThat(texts(cli.run("search", "tea", "--json", "--where", "user_id in ('u1', 'u2') and not pinned exists")))
                .containsExactlyInAnyOrder("tea with u1, minor", "tea with u2");
        assertThat(texts(cli.run("search", "tea", "--json", "--mode", "keyword", "--where", "importance > 2")))
                .containsExactlyInAnyOrder("tea with u1", "tea with u2");
        JsonNode hit = cli.run("search", "tea", "--json", "--where", "pinned = true").json().get("hits").get(0);
        assertThat(hit.get("metadata").get("score").asDouble()).isEqualTo(0.5);
        assertThat(cli.run("search", "tea", "--where", "pinned = true").out()).contains("metadata {\"code\":\"n:7\"");
    }

    @Test
    void aSyntaxErrorNamesItsColumnAndExitsWithInvalidInput() {
        Cli cli = new Cli(dir);
        cli.run("add", "--text", "tea", "--meta", "importance=n:3");

        Cli.Result r = cli.run("search", "tea", "--where", "user_id = \"u1\" and importance >=");
        Cli.Result mismatch = cli.run("search", "tea", "--where", "importance = 'high'");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--where: syntax error at column 33: expected a value");
        assertThat(r.out()).isEmpty();
        assertThat(mismatch.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(mismatch.err()).contains("'importance'").contains("numbers");
    }

    @Test
    void badMetaIsRefusedNamingTheKeyAndNothingIsWritten() {
        Cli cli = new Cli(dir);

        Cli.Result badKey = cli.run("add", "--text", "tea", "--meta", "user id=u1");
        Cli.Result badNumber = cli.run("add", "--text", "tea", "--meta", "importance=n:high");
        Cli.Result noValue = cli.run("add", "--text", "tea", "--meta", "importance");

        assertThat(badKey.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badKey.err()).contains("'user id'");
        assertThat(badNumber.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badNumber.err()).contains("importance");
        assertThat(noValue.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isZero();
    }

    @Test
    void metadataTravelsThroughExportAndImport() throws IOException {
        Cli cli = new Cli(dir.resolve("data"));
        cli.run("add", "--text", "tagged", "--meta", "user_id=u1", "--meta", "n=n:42", "--meta", "w=d:2",
                "--meta", "ok=b:false");
        cli.run("add", "--text", "untagged");
        Path out = dir.resolve("out.jsonl");

        assertThat(cli.run("export", out.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("metadata").toString()).isEqualTo("{\"n\":42,\"ok\":false,\"user_id\":\"u1\",\"w\":2.0}");
        assertThat(new ObjectMapper().readTree(lines.get(1)).has("metadata")).isFalse();

        Cli.Result imported = cli.run("import", out.toString(), "--character", "copy");
        assertThat(imported.code()).as(imported.err()).isZero();
        JsonNode copy = cli.run("search", "tagged", "--json", "--character", "copy", "--where", "w >= 2 and n = 42")
                .json().get("hits");
        assertThat(copy).hasSize(1);
        assertThat(copy.get(0).get("metadata").toString()).isEqualTo(first.get("metadata").toString());

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"x\", \"metadata\": {\"ok\": [1]}}\n", StandardCharsets.UTF_8);
        Cli.Result refused = cli.run("import", bad.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("line 1").contains("'ok'");
    }
}
