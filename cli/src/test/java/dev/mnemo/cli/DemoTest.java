package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @TempDir
    Path dir;
    private Path corpus;

    @BeforeEach
    void tinyCorpus() throws IOException {
        corpus = Files.createDirectories(dir.resolve("fortunes"));
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        String[] topics = {"computers crash when you need them", "love is patient and kind", "money and work and taxes",
            "the universe is expanding", "advice: never trust a cat"};
        String[] zhTopics = {"床前明月光，疑是地上霜", "春眠不觉晓，处处闻啼鸟", "尊重他人，保持礼貌", "举杯邀明月，对影成三人"};
        for (int i = 0; i < 40; i++) {
            en.add(topics[i % topics.length] + " (saying number " + i + ")");
            en.add("%");
            zh.add("\u001B[32m" + zhTopics[i % zhTopics.length] + "\u001B[m 第" + i + "首");
            zh.add("%");
        }
        Files.write(corpus.resolve("wisdom"), en, StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("wisdom.dat"), "binary index, ignored");
        Files.write(corpus.resolve("tang"), zh, StandardCharsets.UTF_8);
    }

    private Cli.Result demo(String... extra) {
        List<String> args = new ArrayList<>(List.of("--corpus", corpus.toString(), "--limit", "25", "--batch-size", "10",
                "--latency-runs", "2"));
        args.addAll(List.of(extra));
        return new Cli(dir.resolve("data-demo")).run("demo", args.toArray(String[]::new));
    }

    @Test
    void demoIngestsBothCharactersAndPrintsScoredHits() {
        Cli.Result r = demo();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("oracle: ingested 25 English entries").contains("laoshi: ingested 25 Chinese entries")
                .contains("[oracle] \"computer programs and their bugs\"").contains("[laoshi]")
                .contains("score ").contains("similarity ").contains("recency ")
                .contains("Search latency").contains("rec/s");
        assertThat(r.out()).doesNotContain("\u001B[");
        Cli cli = new Cli(dir.resolve("data-demo"));
        JsonNode stats = cli.run("stats", "--json", "--character", "oracle").json();
        assertThat(stats.get("total_records").asLong()).isEqualTo(25);
        assertThat(stats.get("conversation_records").asLong()).isLessThan(25);
    }

    @Test
    void rerunningSkipsTheIngestAndJsonSummarisesTheRun() {
        demo();
        Cli.Result again = demo("--json");

        assertThat(again.code()).as(again.err()).isZero();
        JsonNode doc = again.json();
        assertThat(doc.get("characters").get(0).get("ingested").asInt()).isZero();
        assertThat(doc.get("characters").get(0).get("skipped_existing").asInt()).isEqualTo(25);
        JsonNode searches = doc.get("searches");
        assertThat(searches.size()).isGreaterThanOrEqualTo(6);
        JsonNode firstHit = searches.get(0).get("hits").get(0);
        assertThat(firstHit.has("similarity")).isTrue();
        assertThat(firstHit.has("recency")).isTrue();
        assertThat(doc.get("search_latency").get("first_runs").get("runs").asInt()).isEqualTo(searches.size());
        assertThat(doc.get("search_latency").get("repeated_runs").get("runs").asInt()).isEqualTo(2 * searches.size());
        assertThat(new Cli(dir.resolve("data-demo")).run("stats", "--json", "--character", "laoshi").json()
                .get("total_records").asLong()).isEqualTo(25);
    }

    @Test
    void anInterruptedIngestContinuesOnTheNextRun() {
        Cancellation ctrlCAfterFirstBatch = new Cancellation() {
            private int checks;

            @Override
            public boolean requested() {
                return ++checks > 1;
            }
        };
        Cli.Result stopped = new Cli(dir.resolve("data-demo"), ctrlCAfterFirstBatch).run("demo", "--corpus",
                corpus.toString(), "--limit", "25", "--batch-size", "10");
        Cli.Result resumed = demo();

        assertThat(stopped.code()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(stopped.err()).contains("10 of 25 records of oracle stored").contains("again");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("oracle: 10 of 25 records already stored, continuing")
                .contains("oracle: ingested 15 English entries");
        assertThat(new Cli(dir.resolve("data-demo")).run("verify", "--character", "oracle").code()).isZero();
    }

    @Test
    void aMissingCorpusSaysToRunSetup() {
        Cli.Result r = new Cli(dir.resolve("data-demo")).run("demo", "--corpus", dir.resolve("empty").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("scripts/setup.sh");
    }

    @Test
    void realDebianFortunesSplitIntoEnglishAndChinese() {
        Assumptions.assumeTrue(Files.isRegularFile(FortuneCorpus.DEBIAN_DIR.resolve("tang300")),
                "fortunes-zh not installed (scripts/setup.sh installs it)");
        FortuneCorpus c = FortuneCorpus.load(FortuneCorpus.DEBIAN_DIR);
        assertThat(c.english().size()).isGreaterThan(2000);
        assertThat(c.chinese().size()).isGreaterThan(1000);
        assertThat(c.chinese()).noneMatch(s -> s.contains("\u001B"));
        assertThat(c.english()).noneMatch(s -> s.strip().equals("%"));
    }
}
