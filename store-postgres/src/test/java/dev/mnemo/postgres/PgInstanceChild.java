package dev.mnemo.postgres;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A second application instance in a JVM of its own, driven line by line on stdin:
 * {@code ADD text} answers {@code ACK id}; {@code FIND id text} answers {@code FOUND id millis}
 * once a search finds the record, or {@code MISSING id} after 1 s; {@code DEL id} answers
 * {@code DELETED id}; {@code ABSENT id text} answers {@code ABSENT id} when a search does not
 * return the record, else {@code PRESENT id}; {@code QUIT} closes the service and exits.
 *
 * <p>Arguments: JDBC URL, schema, data directory.
 */
public final class PgInstanceChild {
    private PgInstanceChild() {
    }

    public static void main(String[] args) throws Exception {
        MnemoConfig config = TestStores.config(Path.of(args[2]), "exact").set(MnemoConfig.STORE_KIND, "postgres")
                .set(PostgresSettings.URL, args[0]).set(PostgresSettings.USER, "postgres")
                .set(PostgresSettings.SCHEMA, args[1]).build();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (MemoryService service = MemoryService.builder(config)
                .embeddingModel(new HashingEmbeddingModel(TestStores.DIMENSION)).build();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            MemoryStore store = service.character("Kafka");
            returned(store, 0, "warming up"); // class loading and JIT, not visibility
            out.println("READY");
            String line;
            while ((line = in.readLine()) != null && !line.equals("QUIT")) {
                String[] parts = line.split(" ", 3);
                switch (parts[0]) {
                    case "ADD" -> {
                        MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), line.substring(4), null));
                        out.println("ACK " + r.id());
                    }
                    case "FIND" -> out.println(find(store, Long.parseLong(parts[1]), parts[2]));
                    case "DEL" -> {
                        store.delete(Long.parseLong(parts[1]));
                        out.println("DELETED " + parts[1]);
                    }
                    case "ABSENT" -> out.println((returned(store, Long.parseLong(parts[1]), parts[2])
                            ? "PRESENT " : "ABSENT ") + parts[1]);
                    default -> out.println("UNKNOWN " + line);
                }
            }
        }
    }

    private static String find(MemoryStore store, long id, String text) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            if (returned(store, id, text)) {
                return "FOUND " + id + " " + (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        return "MISSING " + id;
    }

    /** True when a vector search for the record's own text returns it. */
    static boolean returned(MemoryStore store, long id, String text) {
        List<MemoryHit> hits = store.search(text, SearchRequest.builder().k(3).recencyWeight(0)
                .mode(SearchMode.VECTOR).build());
        return hits.stream().anyMatch(h -> h.record().id() == id);
    }
}
