package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnemo migrate} over a copy of the legacy-small fixture, checked against its MANIFEST.json. */
class MigrateTest {
    @TempDir
    Path tmp;
    private Path data;
    private JsonNode manifest;

    @BeforeEach
    void copyFixture() throws IOException {
        SharedFixtures.copyLegacySmall(tmp.resolve("fixture"));
        data = tmp.resolve("fixture/data");
        manifest = new ObjectMapper().readTree(tmp.resolve("fixture/MANIFEST.json").toFile());
    }

    private Cli.Result migrate(String... args) {
        String[] all = Stream.concat(Stream.of("-D", "mnemo.embedding.test-hashing.dimension=1024"), Stream.of(args))
                .toArray(String[]::new);
        return new Cli(data).run("migrate", all);
    }

    @Test
    void dryRunReportsEveryFolderAndWritesNothing() throws IOException {
        Cli.Result r = migrate("--dry-run", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        for (JsonNode folder : r.json().get("folders")) {
            assertThat(folder.get("outcome").asText()).isEqualTo("DRY_RUN");
        }
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(p -> p.toString().endsWith(".db"))).isEmpty();
        }
    }

    @Test
    void migratesEveryFolderWithTheManifestCountsAndIsIdempotent() {
        Cli.Result r = migrate("--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        Map<String, JsonNode> byFolder = new HashMap<>();
        r.json().get("folders").forEach(f -> byFolder.put(f.get("folder").asText(), f));
        assertThat(byFolder.keySet()).containsExactlyInAnyOrderElementsOf(() -> manifest.fieldNames());
        manifest.fields().forEachRemaining(e -> {
            JsonNode report = byFolder.get(e.getKey());
            JsonNode expected = e.getValue();
            assertThat(report.get("outcome").asText()).as(e.getKey()).isEqualTo("MIGRATED");
            assertThat(report.get("imported").asInt()).as(e.getKey()).isEqualTo(expected.get("expected_rows").asInt());
            assertThat(report.get("records_after").asInt()).as(e.getKey()).isEqualTo(expected.get("expected_rows").asInt());
            if (expected.has("overlap")) {
                assertThat(report.get("duplicates_skipped").asInt()).isEqualTo(expected.get("overlap").asInt());
            }
            List<Integer> unimported = new ArrayList<>();
            report.get("unimported").forEach(u -> unimported.add(u.get("position").asInt()));
            List<Integer> expectedPositions = new ArrayList<>();
            expected.get("unimported_positions").forEach(p -> expectedPositions.add(p.asInt()));
            assertThat(unimported).as(e.getKey()).isEqualTo(expectedPositions);
            assertThat(data.resolve(e.getKey()).resolve("backup_before_migration")).isDirectory();
        });
        Cli.Result again = migrate("--json");
        assertThat(again.code()).isZero();
        again.json().get("folders").forEach(f -> assertThat(f.get("outcome").asText()).isIn("NOTHING_TO_DO",
                "ALREADY_MIGRATED"));
        Cli.Result stats = new Cli(data).run("stats", "--json", "--character", "Silver_Wolf",
                "-D", "mnemo.embedding.test-hashing.dimension=1024");
        assertThat(stats.json().get("total_records").asInt()).isEqualTo(60);
    }

    @Test
    void aCorruptFolderIsReportedAndLeftUntouchedWhileTheOthersMigrate() throws IOException {
        Path pickle = data.resolve("memory/Silver_Wolf/Silver_Wolf_texts.pkl");
        Files.write(pickle, new byte[] {(byte) 0x80, 4, (byte) 0x95, 1, 2});
        Cli.Result r = migrate("--json");
        assertThat(r.code()).isEqualTo(ExitCodes.STORAGE);
        Map<String, String> outcomes = new HashMap<>();
        r.json().get("folders").forEach(f -> outcomes.put(f.get("folder").asText(), f.get("outcome").asText()));
        assertThat(outcomes).containsEntry("memory/Silver_Wolf", "FAILED").containsEntry("memory/Kafka", "MIGRATED")
                .containsEntry("saves/story_demo", "MIGRATED");
        assertThat(pickle).exists();
        assertThat(data.resolve("memory/Silver_Wolf/Silver_Wolf_faiss.index")).exists();
        assertThat(data.resolve("memory/Silver_Wolf/backup_before_migration")).doesNotExist();
    }

    @Test
    void aModelOfAnotherDimensionIsRefusedUnlessReembedding() {
        Cli.Result refused = new Cli(data).run("migrate", "--character", "March_7th");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.out()).contains("--reembed");
        Cli.Result reembedded = new Cli(data).run("migrate", "--character", "March_7th", "--reembed", "--json");
        assertThat(reembedded.code()).as(reembedded.out() + reembedded.err()).isZero();
        assertThat(reembedded.json().get("folders").get(0).get("imported").asInt()).isEqualTo(45);
    }

    @Test
    void aNameThatEscapesTheDataDirectoryIsRefused() {
        Cli.Result r = new Cli(data).run("migrate", "--character", "../escape");
        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}
