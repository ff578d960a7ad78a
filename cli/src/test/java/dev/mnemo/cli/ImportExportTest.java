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

class ImportExportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void exportWritesBackWhatImportRead() throws IOException {
        Path in = write("in.jsonl",
                "{\"user\": \"你好\", \"assistant\": \"你好呀！\", \"timestamp\": \"2024-11-01 12:28:00.872556\"}",
                "",
                "{\"text\": \"The user is allergic to peanuts.\", \"type\": \"summary\", \"timestamp\": \"2024-11-02T08:00:00Z\"}",
                "{\"text\": \"Met at the harbour.\", \"type\": \"event\", \"timestamp\": \"2024-11-03T08:00:00+02:00\"}");
        Cli cli = new Cli(dir.resolve("data"));

        Cli.Result imported = cli.run("import", in.toString(), "--json", "--batch-size", "2");
        Cli.Result exported = cli.run("export", dir.resolve("out.jsonl").toString());

        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.json().get("imported").asLong()).isEqualTo(3);
        assertThat(exported.code()).as(exported.err()).isZero();
        List<JsonNode> out = read(dir.resolve("out.jsonl"));
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("user").asText()).isEqualTo("你好");
        assertThat(out.get(0).get("assistant").asText()).isEqualTo("你好呀！");
        assertThat(out.get(0).get("type").asText()).isEqualTo("conversation");
        assertThat(out.get(0).get("timestamp").asText()).isEqualTo("2024-11-01T12:28:00.872556Z");
        assertThat(out.get(1).get("text").asText()).isEqualTo("The user is allergic to peanuts.");
        assertThat(out.get(1).get("type").asText()).isEqualTo("summary");
        assertThat(out.get(1).has("user")).isFalse();
        assertThat(out.get(2).get("timestamp").asText()).isEqualTo("2024-11-03T06:00:00Z");
        assertThat(out.get(0).has("vector")).isFalse();

        // the exported file imports again into another store, unchanged
        Cli.Result again = cli.run("import", dir.resolve("out.jsonl").toString(), "--character", "copy");
        cli.run("export", dir.resolve("copy.jsonl").toString(), "--character", "copy");
        assertThat(again.code()).as(again.err()).isZero();
        List<JsonNode> copy = read(dir.resolve("copy.jsonl"));
        for (int i = 0; i < 3; i++) {
            for (String field : new String[] {"type", "timestamp", "text", "user", "assistant"}) {
                assertThat(copy.get(i).get(field)).as(field).isEqualTo(out.get(i).get(field));
            }
        }
    }

    @Test
    void vectorsExportedWithTheRecordsAreReusedOnImport() throws IOException {
        Cli cli = new Cli(dir.resolve("data"));
        cli.run("add", "--text", "first");
        cli.run("add", "--user", "q", "--assistant", "a");

        Cli.Result exported = cli.run("export", dir.resolve("v.jsonl").toString(), "--with-vectors");
        Cli.Result imported = cli.run("import", dir.resolve("v.jsonl").toString(), "--character", "other", "--json");

        assertThat(exported.code()).as(exported.err()).isZero();
        JsonNode line = read(dir.resolve("v.jsonl")).get(0);
        assertThat(line.get("vector")).hasSize(64);
        assertThat(line.get("embedding_model").asText()).isNotBlank();
        assertThat(imported.json().get("vectors_reused").asLong()).isEqualTo(2);
        assertThat(cli.run("verify", "--character", "other").code()).isZero();
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumberAndNothingIsWritten() throws IOException {
        Path in = write("bad.jsonl", "{\"text\": \"fine\"}", "{\"user\": \"only a user\"}");
        Cli cli = new Cli(dir.resolve("data"));

        Cli.Result r = cli.run("import", in.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("line 2").contains("assistant").doesNotContain("Exception");
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isZero();
    }

    @Test
    void aRecordBeyondTheStoresLimitsStopsTheImportBeforeItsFirstBatch() throws IOException {
        StringBuilder tooMany = new StringBuilder("{\"text\": \"tagged\", \"metadata\": {");
        for (int i = 0; i < 65; i++) {
            tooMany.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": ").append(i);
        }
        tooMany.append("}}");
        Path in = write("limits.jsonl", "{\"text\": \"one\"}", "{\"text\": \"two\"}", "{\"text\": \"three\"}",
                tooMany.toString());
        Cli cli = new Cli(dir.resolve("data"));

        Cli.Result r = cli.run("import", in.toString(), "--batch-size", "1");

        assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("line 4").contains("64").doesNotContain("Exception");
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isZero();
    }

    @Test
    void aMissingFileIsNotFound() {
        Cli.Result r = new Cli(dir.resolve("data")).run("import", dir.resolve("nope.jsonl").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("nope.jsonl");
    }

    @Test
    void ctrlCStopsBeforeTheNextBatchAndTheImportContinuesWithSkip() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lines.add("{\"text\": \"record " + i + "\"}");
        }
        Path in = write("five.jsonl", lines.toArray(String[]::new));
        Cancellation ctrlCAfterFirstBatch = new Cancellation() {
            private int checks;

            @Override
            public boolean requested() {
                return ++checks > 1;
            }
        };

        Cli.Result r = new Cli(dir.resolve("data"), ctrlCAfterFirstBatch).run("import", in.toString(), "--batch-size", "2");
        long afterStop = new Cli(dir.resolve("data")).run("stats", "--json").json().get("total_records").asLong();
        Cli.Result rest = new Cli(dir.resolve("data")).run("import", in.toString(), "--skip", "2");

        assertThat(r.code()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(r.err()).contains("2 record(s) imported").contains("--skip 2");
        assertThat(afterStop).isEqualTo(2);
        assertThat(rest.code()).as(rest.err()).isZero();
        Cli cli = new Cli(dir.resolve("data"));
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isEqualTo(5);
        assertThat(cli.run("verify").code()).isZero();
        assertThat(cli.run("search", "record 0", "--json", "-k", "10").json().get("hits")).hasSize(5);
    }

    @Test
    void ctrlCBeforeTheFirstBatchWritesNothing() throws IOException {
        Path in = write("one.jsonl", "{\"text\": \"x\"}");
        Cancellation cancellation = new Cancellation();
        cancellation.request();

        Cli.Result r = new Cli(dir.resolve("data"), cancellation).run("import", in.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(new Cli(dir.resolve("data")).run("stats", "--json").json().get("total_records").asLong()).isZero();
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(MAPPER.readTree(line));
        }
        return out;
    }
}
