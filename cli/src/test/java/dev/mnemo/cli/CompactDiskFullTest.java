package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stats} bytes per table, {@code compact}, and a full database seen from the command line. */
class CompactDiskFullTest {
    @TempDir
    Path data;

    @Test
    void statsShowBytesPerTableAndFreeBytes() throws IOException {
        Cli cli = new Cli(data);
        assertThat(cli.run("import", notes(200, 300).toString()).code()).isZero();

        JsonNode s = cli.run("stats", "--json").json();

        JsonNode tables = s.get("table_bytes");
        assertThat(tables.fieldNames()).toIterable().contains("memory_record", "memory_vector", "embedding_cache");
        assertThat(tables.get("memory_vector").asLong()).isGreaterThan(200L * 64 * Float.BYTES);
        long sum = 0;
        for (JsonNode n : tables) {
            sum += n.asLong();
        }
        assertThat(sum).isLessThanOrEqualTo(s.get("database_size_bytes").asLong());
        assertThat(s.get("free_bytes").asLong()).isNotNegative();
        assertThat(cli.run("stats").out()).contains("table bytes:").contains("memory_vector");
    }

    @Test
    void compactGivesDeletedSpaceBackAndTheStoreStillWorks() throws IOException {
        Cli cli = new Cli(data);
        assertThat(cli.run("import", notes(2000, 1000).toString()).code()).isZero();
        assertThat(cli.run("prune", "--days", "0").code()).isZero();
        cli.run("add", "--text", "kept after the prune");
        long free = cli.run("stats", "--json").json().get("free_bytes").asLong();
        assertThat(free).isGreaterThan(1_000_000);

        Cli.Result r = cli.run("compact", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode c = r.json();
        assertThat(c.get("reclaimed_bytes").asLong()).isGreaterThan(free / 2);
        assertThat(c.get("bytes_after").asLong()).isLessThan(c.get("bytes_before").asLong());
        JsonNode after = cli.run("stats", "--json").json();
        assertThat(after.get("free_bytes").asLong()).isZero();
        assertThat(after.get("database_size_bytes").asLong()).isEqualTo(c.get("bytes_after").asLong());
        assertThat(cli.run("verify").code()).isZero();
        assertThat(cli.run("search", "kept after the prune", "--json").json().get("hits").get(0).get("text").asText())
                .isEqualTo("kept after the prune");
        assertThat(cli.run("compact").out()).startsWith("compacted character default: ");
    }

    @Test
    void compactWhileAnotherProcessSearchesLeavesTheReaderWorking() throws Exception {
        Cli cli = new Cli(data);
        assertThat(cli.run("import", notes(3000, 1000).toString()).code()).isZero();
        assertThat(cli.run("prune", "--days", "0").code()).isZero();
        assertThat(cli.run("import", notes(500, 1000).toString()).code()).isZero();
        // a second service has its own connections and index, as another process would
        try (MemoryService other = TestStores.service(data, "exact")) {
            MemoryStore reader = other.character("default");
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger searches = new AtomicInteger();
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (reader.search("note 42", SearchRequest.defaults().toBuilder().k(3).build()).isEmpty()) {
                            failures.add(new AssertionError("a search came back empty"));
                        }
                        searches.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            t.start();
            try {
                while (searches.get() == 0) {
                    Thread.onSpinWait();
                }
                Cli.Result r = cli.run("compact", "--json");
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.json().get("reclaimed_bytes").asLong()).isPositive();
            } finally {
                stop.set(true);
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(reader.stats().totalRecords()).isEqualTo(500);
        }
        assertThat(cli.run("verify").code()).isZero();
    }

    @Test
    void importIntoAFullDatabaseExitsFiveSayingDiskFullAndWritesNoPartialBatch() throws IOException {
        Cli cli = new Cli(data);
        Path file = notes(3000, 1000);

        Cli.Result r = cli.run("import", file.toString(), "-D", "mnemo.db.max-size-mb=1", "--batch-size", "100");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.STORAGE);
        assertThat(r.err()).startsWith("mnemo import: error: ").contains("disk full")
                .contains(data.resolve("memory/default/default_memory.db").toString())
                .doesNotContain("no transaction").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isEqualTo(1);
        long stored = cli.run("stats", "--json").json().get("total_records").asLong();
        assertThat(stored).isPositive().isLessThan(3000);
        assertThat(stored % 100).as("whole batches only").isZero();
        assertThat(cli.run("verify").code()).isZero();

        Cli.Result rest = cli.run("import", file.toString(), "--skip", Long.toString(stored));
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(cli.run("stats", "--json").json().get("total_records").asLong()).isEqualTo(3000);
    }

    /** A JSON Lines file of {@code count} notes of about {@code chars} characters each. */
    private Path notes(int count, int chars) throws IOException {
        String padding = "z".repeat(chars);
        Path file = Files.createTempFile(data, "notes", ".jsonl");
        Files.writeString(file, IntStream.range(0, count)
                .mapToObj(i -> "{\"text\": \"note " + i + " " + padding + "\", \"type\": \"note\"}")
                .collect(Collectors.joining("\n", "", "\n")));
        return file;
    }
}
