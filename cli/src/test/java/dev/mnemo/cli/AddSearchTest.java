package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddSearchTest {
    @TempDir
    Path data;

    @Test
    void searchFindsAnAddedConversationWithAllFields() {
        Cli cli = new Cli(data);
        assertThat(cli.run("add", "--user", "What is your favourite fruit?", "--assistant", "Mangoes, always.",
                "--timestamp", "2024-11-01 12:28:00.872556").code()).isZero();
        assertThat(cli.run("add", "--text", "The user lives in Lisbon.", "--type", "summary").code()).isZero();

        Cli.Result r = cli.run("search", "favourite fruit mangoes", "--json", "-k", "2");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode hits = r.json().get("hits");
        assertThat(hits).hasSize(2);
        JsonNode top = hits.get(0);
        assertThat(top.get("id").asLong()).isPositive();
        assertThat(top.get("text").asText()).isEqualTo("用户: What is your favourite fruit?\n助手: Mangoes, always.");
        assertThat(top.get("record_type").asText()).isEqualTo("conversation");
        assertThat(Instant.parse(top.get("timestamp").asText())).isEqualTo(Instant.parse("2024-11-01T12:28:00.872556Z"));
        assertThat(top.get("user").asText()).isEqualTo("What is your favourite fruit?");
        for (String key : new String[] {"similarity", "recency", "score"}) {
            assertThat(top.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(top.get("similarity").asDouble()).isGreaterThan(hits.get(1).get("similarity").asDouble());
    }

    @Test
    void typeAndTimeFiltersApply() {
        Cli cli = new Cli(data);
        cli.run("add", "--user", "old question", "--assistant", "old answer", "--timestamp", "2020-01-01T00:00:00Z");
        cli.run("add", "--text", "a recent note", "--type", "note");

        JsonNode onlyNotes = cli.run("search", "question", "--json", "--type", "note").json().get("hits");
        JsonNode recent = cli.run("search", "question", "--json", "--since", "7d").json().get("hits");
        JsonNode old = cli.run("search", "question", "--json", "--until", "2021-01-01").json().get("hits");

        assertThat(onlyNotes).hasSize(1);
        assertThat(onlyNotes.get(0).get("record_type").asText()).isEqualTo("note");
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("text").asText()).isEqualTo("a recent note");
        assertThat(old).hasSize(1);
        assertThat(old.get(0).get("record_type").asText()).isEqualTo("conversation");
    }

    @Test
    void explainShowsTheScoreBreakdown() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "tea with milk");

        Cli.Result json = cli.run("search", "tea", "--json", "--explain", "--recency-weight", "0.25");
        Cli.Result human = cli.run("search", "tea", "--explain", "--recency-weight", "0.25");

        JsonNode explain = json.json().get("hits").get(0).get("explain");
        assertThat(explain.get("recency_weight").asDouble()).isEqualTo(0.25);
        assertThat(explain.get("formula").asText()).contains("relevance").contains("recency");
        JsonNode hit = json.json().get("hits").get(0);
        assertThat(hit.get("mode").asText()).isEqualTo("hybrid");
        assertThat(hit.get("vector_rank").asInt()).isEqualTo(1);
        assertThat(hit.get("keyword_rank").asInt()).isEqualTo(1);
        assertThat(hit.get("bm25").asDouble()).isPositive();
        assertThat(hit.get("fused_score").asDouble()).isCloseTo(2.0 / 61, Offset.offset(1e-9));
        assertThat(hit.get("score").asDouble()).isCloseTo(
                0.75 * hit.get("relevance").asDouble() + 0.25 * hit.get("recency").asDouble(),
                Offset.offset(1e-9));
        assertThat(human.out()).contains("score = (1 - w) * relevance + w * recency").contains("(1 - 0.25) * ")
                .contains("vector #1").contains("keyword #1 (bm25 ");
    }

    @Test
    void modeOptionSelectsTheLegsAndAQueryWithoutTermsFallsBackWithANote() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "tea with milk");
        cli.run("add", "--text", "coffee, black");

        JsonNode keyword = cli.run("search", "tea", "--json", "--mode", "keyword").json();
        assertThat(keyword.get("mode").asText()).isEqualTo("keyword");
        assertThat(keyword.get("hits")).hasSize(1);
        assertThat(keyword.get("hits").get(0).get("vector_rank").isNull()).isTrue();
        JsonNode vector = cli.run("search", "tea", "--json", "--mode", "vector").json();
        assertThat(vector.get("hits")).hasSize(2);
        assertThat(vector.get("hits").get(0).get("keyword_rank").isNull()).isTrue();

        Cli.Result punctuation = cli.run("search", "?!", "--json", "--mode", "keyword");
        assertThat(punctuation.code()).as(punctuation.err()).isZero();
        assertThat(punctuation.json().get("note").asText()).contains("no keyword terms");
        assertThat(punctuation.json().get("hits")).hasSize(2);
        assertThat(punctuation.err()).contains("vector leg only");
        assertThat(cli.run("search", "tea", "--mode", "fuzzy").code()).isEqualTo(ExitCodes.INVALID_INPUT);
        Cli.Result configured = cli.run("search", "tea", "--json", "-D", "mnemo.search.mode=keyword");
        assertThat(configured.json().get("mode").asText()).as(configured.err()).isEqualTo("keyword");
    }

    @Test
    void recentAndGetShowStoredRecords() {
        Cli cli = new Cli(data);
        long id = cli.run("add", "--json", "--user", "hi", "--assistant", "hello").json().get("id").asLong();

        JsonNode recent = cli.run("recent", "--json", "-n", "5").json().get("records");
        Cli.Result get = cli.run("get", String.valueOf(id), "--json");

        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(get.json().get("assistant").asText()).isEqualTo("hello");
    }

    @Test
    void charactersAndStoriesAreSeparateStores() {
        Cli cli = new Cli(data);
        cli.run("add", "--text", "belongs to alice", "--character", "alice");
        cli.run("add", "--text", "belongs to the story", "--story", "save-1");

        assertThat(cli.run("stats", "--json", "--character", "alice").json().get("total_records").asLong()).isEqualTo(1);
        assertThat(cli.run("stats", "--json", "--story", "save-1").json().get("total_records").asLong()).isEqualTo(1);
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isZero();
        assertThat(data.resolve("saves/save-1/save-1_memory.db")).exists();
        assertThat(data.resolve("memory/alice/alice_memory.db")).exists();
    }
}
